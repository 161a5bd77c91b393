package weft.transport.epoll;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.net.InetSocketAddress;

import weft.transport.Acceptor;
import weft.transport.Stream;

/**
 * A listening descriptor: accept4 with SOCK_NONBLOCK | SOCK_CLOEXEC, so an accepted socket is
 * ready to use in one call, with the client's address from the same call. Out of descriptors,
 * accept4 fails with EMFILE or ENFILE, thrown as java.nio does ("Too many open files");
 * {@code TcpServer} then pauses accepting.
 */
final class EpollAcceptor extends EpollChannel implements Acceptor {
    private static final Abi ABI = Abi.CURRENT;

    private final InetSocketAddress local;

    EpollAcceptor(int fd, InetSocketAddress local) {
        super(fd);
        this.local = local;
    }

    @Override
    public Stream accept() throws IOException {
        ensureOpen();
        Libc.Scratch scratch = scratch();
        scratch.length.set(JAVA_INT, 0, (int) scratch.address.byteSize());
        int client;
        try {
            client = (int) Libc.ACCEPT4.invokeExact(scratch.errno, fd, scratch.address, scratch.length,
                    ABI.sockNonblock | ABI.sockCloexec);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
        if (client >= 0) {
            long ipv4 = SocketAddresses.packedIpv4(scratch.address);
            return ipv4 >= 0 ? new EpollStream.Ipv4Peer(client, ipv4)
                    : new EpollStream.AnyPeer(client, SocketAddresses.read(scratch.address), false);
        }
        int errno = scratch.errno();
        if (errno == ABI.eagain || errno == ABI.eintr || errno == ABI.econnaborted) {
            return null; // none pending, or the client gave up first: as if none
        }
        throw NioErrors.ioError(errno);
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public String toString() {
        return "epoll listener fd " + fd + " on " + local;
    }
}
