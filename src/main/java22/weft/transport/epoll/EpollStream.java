package weft.transport.epoll;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NotYetConnectedException;

import weft.transport.Poller;
import weft.transport.Stream;

/**
 * A TCP connection on a non-blocking descriptor: recv and send straight into and out of the
 * caller's buffer (direct or heap: the calls are critical, see {@link Libc}), with send's
 * MSG_NOSIGNAL, so a peer that has gone raises "Broken pipe" in the task and never SIGPIPE in
 * the process.
 *
 * <p>The peer's address is kept by the subclass that fits it: {@link Ipv4Peer} for a connection
 * accepted from an IPv4 peer, most of them, and {@link AnyPeer} for the others. One field in
 * each, where both in one class would make every stream 8 bytes bigger.
 */
abstract class EpollStream extends EpollChannel implements Stream {
    private static final Abi ABI = Abi.CURRENT;

    private byte state;  // these flags: a byte, as six booleans would make it 8 bytes bigger
    private static final byte CONNECTING = 1, RESET = 2, OUTPUT_SHUT = 4;
    // The poller reported the stream readable (writable) and no read (write) has come back short
    // since: it may be so still, which edge-triggered epoll will not report again by itself.
    // Once the peer has closed its side (or the socket failed), it stays readable for good: a
    // short read is then no sign that nothing is left, as the end of stream still is.
    private static final byte READ_UNUSED = 8, WRITE_UNUSED = 16, INPUT_ENDED = 32;

    private EpollStream(int fd, boolean connectionPending) {
        super(fd);
        this.state = connectionPending ? CONNECTING : 0;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        ensureOpen();
        if ((state & RESET) != 0) {
            throw NioErrors.connectionReset();
        }
        int space = dst.remaining();
        if (space == 0) {
            return 0;
        }
        Libc.Scratch scratch = scratch();
        long read;
        try {
            read = (long) Libc.RECV.invokeExact(scratch.errno, fd, MemorySegment.ofBuffer(dst), (long) space, 0);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
        if (read > 0) {
            if (read < space && (state & INPUT_ENDED) == 0) {
                state &= ~READ_UNUSED; // the socket is empty now
            }
            dst.position(dst.position() + (int) read);
            return (int) read;
        }
        if (read == 0) {
            return -1;
        }
        int errno = scratch.errno();
        if (errno == ABI.eagain || errno == ABI.eintr) {
            state &= ~READ_UNUSED;
            return 0;
        }
        if (errno == ABI.econnreset) {
            state |= RESET;
            throw NioErrors.connectionReset();
        }
        throw NioErrors.ioError(errno);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        ensureOpen();
        if ((state & OUTPUT_SHUT) != 0) {
            throw new ClosedChannelException(); // as java.nio: the channel is shut for writing
        }
        int size = src.remaining();
        if (size == 0) {
            return 0;
        }
        Libc.Scratch scratch = scratch();
        long written;
        try {
            written = (long) Libc.SEND.invokeExact(scratch.errno, fd, MemorySegment.ofBuffer(src), (long) size,
                    ABI.msgNosignal);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
        if (written >= 0) {
            if (written < size) {
                state &= ~WRITE_UNUSED; // the socket's buffer is full now
            }
            src.position(src.position() + (int) written);
            return (int) written;
        }
        int errno = scratch.errno();
        if (errno == ABI.eagain || errno == ABI.eintr) {
            state &= ~WRITE_UNUSED;
            return 0;
        }
        throw NioErrors.ioError(errno);
    }

    @Override
    public void shutdownOutput() throws IOException {
        ensureOpen();
        if ((state & CONNECTING) != 0) {
            throw new NotYetConnectedException();
        }
        if ((state & OUTPUT_SHUT) != 0) {
            return;
        }
        Libc.Scratch scratch = scratch();
        int result;
        try {
            result = (int) Libc.SHUTDOWN.invokeExact(scratch.errno, fd, ABI.shutWr);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
        if (result < 0) {
            throw NioErrors.ioError(scratch.errno());
        }
        state |= OUTPUT_SHUT;
    }

    /**
     * Connections are edge-triggered: epoll then reports a socket once per change, where a
     * level-triggered set checks every socket it has reported again at the next epoll_wait,
     * ready or not (a tcp_poll per message echoed: 1.2 % of the server's CPU at 1,000
     * connections, bench/run-ab, BENCHMARKS.md run (g)). A wait still sees what level
     * triggering would show it ({@link Poller}): a want for readiness that was
     * reported and not used up since (no read or write came back short: {@link #reportMayHold}),
     * or that was dropped with its interest, goes through epoll_ctl, which looks at the socket
     * anew. In steady state there is no such want: a task reads until a read comes back short
     * before it waits again. EPOLLRDHUP: the peer's end of stream, which a short read does not
     * use up.
     */
    @Override
    int triggering() {
        return ABI.epollEt | ABI.epollRdhup;
    }

    @Override
    void reported(int ops, boolean inputEnded) {
        if (inputEnded) {
            state |= INPUT_ENDED;
        }
        if ((ops & Poller.READ) != 0) {
            state |= READ_UNUSED;
        }
        if ((ops & (Poller.WRITE | Poller.CONNECT)) != 0) {
            state |= WRITE_UNUSED;
        }
    }

    /** Whether a report of one of {@code ops} may still hold (see READ_UNUSED). */
    @Override
    boolean reportMayHold(int ops) {
        return ((ops & Poller.READ) != 0 && (state & READ_UNUSED) != 0)
                || ((ops & (Poller.WRITE | Poller.CONNECT)) != 0 && (state & WRITE_UNUSED) != 0);
    }

    @Override
    void lookedAgain() {
        state &= ~(READ_UNUSED | WRITE_UNUSED);
    }

    @Override
    public boolean isConnectionPending() {
        return (state & CONNECTING) != 0;
    }

    @Override
    public void finishConnect() throws IOException {
        ensureOpen();
        if ((state & CONNECTING) == 0) {
            return;
        }
        int error = EpollTransport.getIntOption(this, ABI.solSocket, ABI.soError);
        if (error != 0) {
            close(); // as java.nio does: a failed connect closes the channel
            throw NioErrors.socketError(error);
        }
        state &= ~CONNECTING;
    }

    @Override
    public void setNoDelay(boolean on) throws IOException {
        EpollTransport.setIntOption(this, ABI.ipprotoTcp, ABI.tcpNodelay, on ? 1 : 0);
    }

    @Override
    public boolean noDelay() throws IOException {
        return EpollTransport.getIntOption(this, ABI.ipprotoTcp, ABI.tcpNodelay) != 0;
    }

    @Override
    public String toString() {
        return "epoll stream fd " + fd + " to " + remoteAddress();
    }

    /** A connection accepted from an IPv4 peer: its address kept packed, see {@link SocketAddresses#packedIpv4}. */
    static final class Ipv4Peer extends EpollStream {
        private final long packedRemote;

        Ipv4Peer(int fd, long packedRemote) {
            super(fd, false);
            this.packedRemote = packedRemote;
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return SocketAddresses.unpack(packedRemote);
        }
    }

    /** A connection to any other peer, an IPv6 one or one it connects to: the address as it was given. */
    static final class AnyPeer extends EpollStream {
        private final InetSocketAddress remote;

        AnyPeer(int fd, InetSocketAddress remote, boolean connectionPending) {
            super(fd, connectionPending);
            this.remote = remote;
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return remote;
        }
    }
}
