package weft.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A connected (or connecting) TCP socket in non-blocking mode: java.nio's {@code SocketChannel}
 * cut down to what weft uses. Reads and writes never block.
 */
public interface Stream extends Channel {

    /**
     * Reads into {@code dst} from its position, up to its limit: the bytes read, 0 if none were
     * there, -1 at end of stream. A reset connection throws SocketException "Connection reset",
     * then and at every later read.
     */
    int read(ByteBuffer dst) throws IOException;

    /**
     * Writes what the kernel takes of {@code src} from its position: the bytes written, 0 if
     * none. A write to a reset or closed connection throws IOException ("Broken pipe"), never a
     * SIGPIPE.
     */
    int write(ByteBuffer src) throws IOException;

    /**
     * Sends end of stream (a FIN) and keeps the socket open for reading: the peer reads -1 once
     * it has read what came before, and may still write back. A later write throws a
     * ClosedChannelException (java.nio's, on JDK 17, its subclass AsynchronousCloseException).
     * Python's {@code shutdown(SHUT_WR)}.
     */
    void shutdownOutput() throws IOException;

    /** Whether a connect has started and not yet been finished. */
    boolean isConnectionPending();

    /** Once the poller reported CONNECT: completes the connection, or throws why it failed ("Connection refused"). */
    void finishConnect() throws IOException;

    void setNoDelay(boolean on) throws IOException;

    /** TCP_NODELAY, as the kernel has it. */
    boolean noDelay() throws IOException;

    /** The peer's address. */
    InetSocketAddress remoteAddress();
}
