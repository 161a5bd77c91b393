package weft.transport.epoll;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

import weft.transport.Stream;

/**
 * A TCP connection on a non-blocking descriptor: recv and send straight into and out of the
 * caller's buffer (direct or heap: the calls are critical, see {@link Libc}), with send's
 * MSG_NOSIGNAL, so a peer that has gone raises "Broken pipe" in the task and never SIGPIPE in
 * the process.
 */
final class EpollStream extends EpollChannel implements Stream {
    private static final Abi ABI = Abi.CURRENT;

    private final InetSocketAddress remote;
    private boolean connectionPending;
    private boolean connectionReset;

    EpollStream(int fd, InetSocketAddress remote, boolean connectionPending) {
        super(fd);
        this.remote = remote;
        this.connectionPending = connectionPending;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        ensureOpen();
        if (connectionReset) {
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
            dst.position(dst.position() + (int) read);
            return (int) read;
        }
        if (read == 0) {
            return -1;
        }
        int errno = scratch.errno();
        if (errno == ABI.eagain || errno == ABI.eintr) {
            return 0;
        }
        if (errno == ABI.econnreset) {
            connectionReset = true;
            throw NioErrors.connectionReset();
        }
        throw NioErrors.ioError(errno);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        ensureOpen();
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
            src.position(src.position() + (int) written);
            return (int) written;
        }
        int errno = scratch.errno();
        if (errno == ABI.eagain || errno == ABI.eintr) {
            return 0;
        }
        throw NioErrors.ioError(errno);
    }

    @Override
    public boolean isConnectionPending() {
        return connectionPending;
    }

    @Override
    public void finishConnect() throws IOException {
        ensureOpen();
        if (!connectionPending) {
            return;
        }
        int error = EpollTransport.getIntOption(this, ABI.solSocket, ABI.soError);
        if (error != 0) {
            close(); // as java.nio does: a failed connect closes the channel
            throw NioErrors.socketError(error);
        }
        connectionPending = false;
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
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public String toString() {
        return "epoll stream fd " + fd + " to " + remote;
    }
}
