package weft.transport.epoll;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;

/**
 * The C library calls the epoll transport makes, as FFM downcall handles, each capturing
 * {@code errno} ({@link Linker.Option#captureCallState}): the JVM may run code of its own
 * between a call's return and a later read, so errno must be saved by the call itself.
 *
 * <p>Calls that never block (a read or write on a non-blocking socket, accept4, epoll_ctl) are
 * linked {@linkplain Linker.Option#critical critical}: no thread-state transition around them,
 * and recv and send may then be passed a heap buffer without a copy. epoll_wait, which blocks,
 * and close are not.
 *
 * <p>Each handle is invoked with {@code invokeExact} through a static final field, so the JIT
 * sees a constant and inlines the call down to the syscall stub.
 *
 * <p>The hot pair, a round trip's one read and one write, goes through {@code syscall(2)}
 * instead of glibc's recv and send, when the buffer is direct: in a process with more than
 * one thread (any JVM) those wrappers mark the thread cancellable around the call, two atomic
 * updates per call that the single-threaded C server never pays, and a direct buffer can be
 * passed as a plain address, with no segment to build and check.
 */
@SuppressWarnings("restricted") // the point of this class; the jar's manifest enables native access
final class Libc {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    private static final Linker.Option CRITICAL = Linker.Option.critical(false);
    private static final Linker.Option CRITICAL_HEAP = Linker.Option.critical(true);
    static final long ERRNO_OFFSET = Linker.Option.captureStateLayout()
            .byteOffset(MemoryLayout.PathElement.groupElement("errno"));

    static final MethodHandle SOCKET = link("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    static final MethodHandle SETSOCKOPT = link("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    static final MethodHandle GETSOCKOPT = link("getsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    static final MethodHandle BIND = link("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    static final MethodHandle LISTEN = link("listen", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    static final MethodHandle GETSOCKNAME = link("getsockname", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    static final MethodHandle CONNECT = link("connect", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    static final MethodHandle ACCEPT4 = link("accept4",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT), CRITICAL);
    static final MethodHandle RECV = link("recv",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), CRITICAL_HEAP);
    static final MethodHandle SEND = link("send",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), CRITICAL_HEAP);
    static final MethodHandle SYSCALL6 = link("syscall", FunctionDescriptor.of(JAVA_LONG,
            JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
            Linker.Option.firstVariadicArg(1), CRITICAL);
    static final MethodHandle SHUTDOWN = link("shutdown", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    static final MethodHandle CLOSE = link("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    static final MethodHandle READ = link("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    static final MethodHandle WRITE = link("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    static final MethodHandle EPOLL_CREATE1 = link("epoll_create1", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    static final MethodHandle EPOLL_CTL = link("epoll_ctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS), CRITICAL);
    static final MethodHandle EPOLL_WAIT = link("epoll_wait",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    static final MethodHandle EVENTFD = link("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle STRERROR = LINKER.downcallHandle(
            LINKER.defaultLookup().find("strerror").orElseThrow(), FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private Libc() {}

    /** recv(2) into {@code dst} from its position, at most {@code size} bytes; -1 and errno on failure. */
    static long recv(Scratch scratch, int fd, ByteBuffer dst, long size) {
        try {
            if (passesAddress(dst)) {
                return (long) SYSCALL6.invokeExact(scratch.errno, Abi.CURRENT.sysRecvfrom, (long) fd,
                        scratch.addressOf(dst), size, 0L, 0L, 0L);
            }
            return (long) RECV.invokeExact(scratch.errno, fd, MemorySegment.ofBuffer(dst), size, 0);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    /** Heap and read-only buffers keep the segment path, and with it whatever a segment call does with them. */
    private static boolean passesAddress(ByteBuffer buffer) {
        return buffer.isDirect() && !buffer.isReadOnly();
    }

    /** send(2) from {@code src}'s position, {@code size} bytes; -1 and errno on failure. */
    static long send(Scratch scratch, int fd, ByteBuffer src, long size, int flags) {
        try {
            if (passesAddress(src)) {
                return (long) SYSCALL6.invokeExact(scratch.errno, Abi.CURRENT.sysSendto, (long) fd,
                        scratch.addressOf(src), size, (long) flags, 0L, 0L);
            }
            return (long) SEND.invokeExact(scratch.errno, fd, MemorySegment.ofBuffer(src), size, flags);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    private static MethodHandle link(String name, FunctionDescriptor signature, Linker.Option... more) {
        MemorySegment function = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("no " + name + " in the C library"));
        Linker.Option[] options = new Linker.Option[more.length + 1];
        options[0] = ERRNO;
        System.arraycopy(more, 0, options, 1, more.length);
        return LINKER.downcallHandle(function, signature, options);
    }

    /** The C library's words for {@code errno}, as the JDK's own messages use them ("Connection reset by peer"). */
    static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            return text.reinterpret(Integer.MAX_VALUE).getString(0);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Memory a thread passes to the calls: where errno is captured, an int option value, a
     * socklen_t, and a socket address. One per thread ({@link #scratch}); a poller keeps its
     * loop thread's at hand so the hot calls skip the thread-local lookup.
     *
     * <p>The errno segment is a view of the memory with the global lifetime: a segment of the
     * automatic arena would have its shared session acquired and released, two more atomic
     * updates, around every call it is passed to. The memory stays the arena's, kept alive by
     * {@link #memory} for as long as this scratch is reachable.
     */
    static final class Scratch {
        private final MemorySegment memory;
        private final boolean remembersBuffer;
        private ByteBuffer lastBuffer;  // the direct buffer whose address is lastBase
        private long lastBase;
        final MemorySegment errno;
        final MemorySegment intValue;
        final MemorySegment length;
        final MemorySegment address;

        /** The scratch of a thread that is no loop's: it never holds on to a caller's buffer. */
        Scratch() {
            this(false);
        }

        /**
         * @param remembersBuffer whether the address of the last direct buffer passed is kept:
         *                        for a loop's scratch, whose reads and writes nearly all use the
         *                        one pooled buffer (which then stays reachable until another is used)
         */
        Scratch(boolean remembersBuffer) {
            this.remembersBuffer = remembersBuffer;
            long errnoSize = Linker.Option.captureStateLayout().byteSize();
            memory = Arena.ofAuto().allocate(align(errnoSize) + 8 + 8 + 32, 8);
            errno = MemorySegment.ofAddress(memory.address()).reinterpret(errnoSize);
            intValue = memory.asSlice(align(errnoSize), 4);
            length = memory.asSlice(align(errnoSize) + 8, 4);
            address = memory.asSlice(align(errnoSize) + 16, 32);
        }

        int errno() {
            return errno.get(JAVA_INT, ERRNO_OFFSET);
        }

        /** The address of a direct {@code buffer}'s position; the caller keeps the buffer reachable through the call. */
        long addressOf(ByteBuffer buffer) {
            if (buffer == lastBuffer) {
                return lastBase + buffer.position();
            }
            long base = MemorySegment.ofBuffer(buffer).address() - buffer.position();
            if (remembersBuffer) {
                lastBuffer = buffer;
                lastBase = base;
            }
            return base + buffer.position();
        }

        private static long align(long size) {
            return (size + 7) & ~7L;
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    static Scratch scratch() {
        return SCRATCH.get();
    }
}
