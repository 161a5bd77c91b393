package weft.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

import weft.scheduler.Pollable;
import weft.transport.Acceptor;
import weft.transport.Poller;
import weft.transport.Stream;
import weft.transport.Transport;
import weft.transport.Transports;

/**
 * A listening TCP socket: the seed's {@code sock} in {@code tcp_server}. A task waits on it
 * with {@code recv} (ready means a connection can be accepted), then calls {@link #accept}.
 */
public final class TcpListener extends Pollable {
    private final Acceptor server;
    private final BufferPool buffers;

    private TcpListener(Acceptor server, BufferPool buffers) {
        super(server, Poller.ACCEPT);
        this.server = server;
        this.buffers = buffers;
    }

    /**
     * Binds and listens on the default transport, with SO_REUSEADDR like the seed. Connections
     * it accepts read into {@code buffers}.
     *
     * @throws IOException as the JDK reports it: BindException when the port is taken,
     *                     SocketException "Permission denied" for a privileged port
     */
    public static TcpListener bind(InetSocketAddress address, int backlog, BufferPool buffers) throws IOException {
        return bind(Transports.defaultTransport(), address, backlog, buffers);
    }

    /** {@link #bind(InetSocketAddress, int, BufferPool)} on {@code transport}. */
    public static TcpListener bind(Transport transport, InetSocketAddress address, int backlog, BufferPool buffers)
            throws IOException {
        return new TcpListener(transport.listen(address, backlog), buffers);
    }

    /**
     * Accepts one pending connection: the seed's {@code sock.accept()}. Returns null if none is
     * pending; throws UncheckedIOException if accepting fails (out of file descriptors, say).
     */
    public TcpSocket accept() {
        Stream client;
        try {
            client = server.accept();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return client == null ? null : TcpSocket.wrap(client, buffers);
    }

    /** Where it listens; with port 0, the port the system chose. */
    public InetSocketAddress localAddress() {
        return server.localAddress();
    }
}
