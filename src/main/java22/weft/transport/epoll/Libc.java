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
     */
    static final class Scratch {
        final MemorySegment errno;
        final MemorySegment intValue;
        final MemorySegment length;
        final MemorySegment address;

        Scratch() {
            long errnoSize = Linker.Option.captureStateLayout().byteSize();
            MemorySegment all = Arena.ofAuto().allocate(align(errnoSize) + 8 + 8 + 32, 8);
            errno = all.asSlice(0, errnoSize);
            intValue = all.asSlice(align(errnoSize), 4);
            length = all.asSlice(align(errnoSize) + 8, 4);
            address = all.asSlice(align(errnoSize) + 16, 32);
        }

        int errno() {
            return errno.get(JAVA_INT, ERRNO_OFFSET);
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
