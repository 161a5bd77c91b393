package weft.net;

import java.io.IOException;
import java.net.InetSocketAddress;

import kilim.Pausable;
import weft.scheduler.Tasks;
import weft.scheduler.Trap;
import weft.transport.Transport;
import weft.transport.Transports;

/**
 * A listening socket whose {@link #accept} suspends the task until a client connects: the
 * lesson's {@code GenSocket.accept} (exercise 8.6).
 *
 * <pre>
 * lesson (8.6)                               weft
 * client, addr = yield from sock.accept()    GenSocket client = listener.accept();
 * </pre>
 */
public final class GenListener implements AutoCloseable {
    private static final int BUFFERS_KEPT = 64;

    private final TcpListener listener;

    public GenListener(TcpListener listener) {
        this.listener = listener;
    }

    /** Binds and listens on {@code address} (port 0: any free one), with a backlog of {@code backlog}, on the default transport. */
    public static GenListener bind(InetSocketAddress address, int backlog) throws IOException {
        return bind(Transports.defaultTransport(), address, backlog);
    }

    /** {@link #bind(InetSocketAddress, int)} on {@code transport}: the one its scheduler runs on. */
    public static GenListener bind(Transport transport, InetSocketAddress address, int backlog) throws IOException {
        return new GenListener(TcpListener.bind(transport, address, backlog,
                new BufferPool(TcpSocket.HEADROOM + EchoHandler.MAX_CHUNK, BUFFERS_KEPT)));
    }

    /**
     * Waits for a client and returns its connection. A failing accept (out of file descriptors,
     * say) is UncheckedIOException; on a closed listener, ClosedChannelException wrapped so.
     */
    public GenSocket accept() throws Pausable {
        while (true) {
            Tasks.trap(Trap.recv(listener));        // wait for a client connection
            TcpSocket client = listener.accept();
            if (client != null) {
                return new GenSocket(client);
            }
        }
    }

    public InetSocketAddress localAddress() {
        return listener.localAddress();
    }

    /** The plain listener underneath, for the 8.5 form. */
    public TcpListener listener() {
        return listener;
    }

    /** Closes the listener, from any thread; a task waiting in accept gets the failure there. */
    @Override
    public void close() {
        listener.close();
    }
}
