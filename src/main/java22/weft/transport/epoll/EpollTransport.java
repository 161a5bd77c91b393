package weft.transport.epoll;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.net.InetSocketAddress;

import weft.transport.Acceptor;
import weft.transport.Poller;
import weft.transport.Stream;
import weft.transport.Transport;

/**
 * The epoll transport: Linux's epoll and socket calls made directly through the JDK's FFM API
 * ({@code java.lang.foreign}, final since JDK 22), no JNI and no library: the syscalls a C
 * server makes. Loaded by name by {@code weft.transport.Transports}, only on JDK 22+.
 */
public final class EpollTransport implements Transport {
    private static final Abi ABI = Abi.CURRENT;

    private final int family;

    private EpollTransport(int family) {
        this.family = family;
    }

    /** Links the calls and checks they run: the transport, or an exception saying why not. */
    public static Transport open() throws IOException {
        // With IPv6, every socket is AF_INET6 and IPv4 goes mapped, as java.nio does.
        int probe = socket(ABI.afInet6, false);
        int family = ABI.afInet6;
        if (probe < 0) {
            family = ABI.afInet;
            probe = socket(ABI.afInet, true);
        }
        EpollChannel.closeDescriptor(probe);
        return new EpollTransport(family);
    }

    @Override
    public String name() {
        return "epoll";
    }

    @Override
    public Poller openPoller(Poller.Events events) {
        return new EpollPoller(events);
    }

    @Override
    public Acceptor listen(InetSocketAddress address, int backlog) throws IOException {
        Libc.Scratch scratch = Libc.scratch();
        int length = SocketAddresses.write(address, family, scratch.address);
        int fd = socket(family, true);
        EpollAcceptor listener = null;
        try {
            EpollAcceptor unbound = new EpollAcceptor(fd, null);
            setIntOption(unbound, ABI.solSocket, ABI.soReuseaddr, 1);
            if (family == ABI.afInet6) {
                setIntOption(unbound, ABI.ipprotoIpv6, ABI.ipv6V6only, 0); // both stacks, as java.nio
            }
            check((int) Libc.BIND.invokeExact(scratch.errno, fd, scratch.address, length), scratch);
            check((int) Libc.LISTEN.invokeExact(scratch.errno, fd, backlog < 1 ? 50 : backlog), scratch);
            scratch.length.set(JAVA_INT, 0, (int) scratch.address.byteSize());
            check((int) Libc.GETSOCKNAME.invokeExact(scratch.errno, fd, scratch.address, scratch.length), scratch);
            listener = new EpollAcceptor(fd, SocketAddresses.read(scratch.address));
            return listener;
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new AssertionError(e);
        } finally {
            if (listener == null) {
                closeQuietly(fd);
            }
        }
    }

    @Override
    public Stream connect(InetSocketAddress address) throws IOException {
        Libc.Scratch scratch = Libc.scratch();
        int length = SocketAddresses.write(address, family, scratch.address);
        int fd = socket(family, true);
        boolean done = false;
        try {
            int result = (int) Libc.CONNECT.invokeExact(scratch.errno, fd, scratch.address, length);
            boolean pending = result < 0 && scratch.errno() == ABI.einprogress;
            if (result < 0 && !pending) {
                throw NioErrors.socketError(scratch.errno());
            }
            done = true;
            return new EpollStream.AnyPeer(fd, address, pending);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new AssertionError(e);
        } finally {
            if (!done) {
                closeQuietly(fd);
            }
        }
    }

    /** A new non-blocking TCP socket; fails as java.nio's open does ("Too many open files"), or -1 if asked. */
    private static int socket(int family, boolean orThrow) throws IOException {
        Libc.Scratch scratch = Libc.scratch();
        int fd;
        try {
            fd = (int) Libc.SOCKET.invokeExact(scratch.errno, family, ABI.sockStream | ABI.sockNonblock | ABI.sockCloexec, 0);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
        if (fd < 0 && (orThrow || scratch.errno() != ABI.eafnosupport)) {
            throw NioErrors.socketError(scratch.errno());
        }
        return fd;
    }

    static void setIntOption(EpollChannel channel, int level, int option, int value) throws IOException {
        channel.ensureOpen();
        Libc.Scratch scratch = channel.scratch();
        scratch.intValue.set(JAVA_INT, 0, value);
        try {
            check((int) Libc.SETSOCKOPT.invokeExact(scratch.errno, channel.fd, level, option, scratch.intValue, 4), scratch);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    static int getIntOption(EpollChannel channel, int level, int option) throws IOException {
        channel.ensureOpen();
        Libc.Scratch scratch = channel.scratch();
        scratch.length.set(JAVA_INT, 0, 4);
        try {
            check((int) Libc.GETSOCKOPT.invokeExact(scratch.errno, channel.fd, level, option, scratch.intValue,
                    scratch.length), scratch);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
        return scratch.intValue.get(JAVA_INT, 0);
    }

    private static void check(int result, Libc.Scratch scratch) throws IOException {
        if (result < 0) {
            throw NioErrors.socketError(scratch.errno());
        }
    }

    private static void closeQuietly(int fd) {
        try {
            EpollChannel.closeDescriptor(fd);
        } catch (IOException ignored) {
            // already failing: the first error is the one worth reporting
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
