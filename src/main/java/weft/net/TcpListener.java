package weft.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import weft.scheduler.Pollable;

/**
 * A listening TCP socket: the seed's {@code sock} in {@code tcp_server}. A task waits on it
 * with {@code recv} (ready means a connection can be accepted), then calls {@link #accept}.
 */
public final class TcpListener extends Pollable {
    private final ServerSocketChannel server;
    private final InetSocketAddress address;
    private final BufferPool buffers;

    private TcpListener(ServerSocketChannel server, BufferPool buffers) throws IOException {
        super(server, SelectionKey.OP_ACCEPT);
        this.server = server;
        this.address = (InetSocketAddress) server.getLocalAddress();
        this.buffers = buffers;
    }

    /**
     * Binds and listens, with SO_REUSEADDR like the seed. Connections it accepts read into
     * {@code buffers}.
     *
     * @throws IOException as the JDK reports it: BindException when the port is taken,
     *                     SocketException "Permission denied" for a privileged port
     */
    public static TcpListener bind(InetSocketAddress address, int backlog, BufferPool buffers) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(address, backlog);
            server.configureBlocking(false);
            return new TcpListener(server, buffers);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * Accepts one pending connection: the seed's {@code sock.accept()}. Returns null if none is
     * pending; throws UncheckedIOException if accepting fails (out of file descriptors, say).
     */
    public TcpSocket accept() {
        SocketChannel client;
        try {
            client = server.accept();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return client == null ? null : TcpSocket.wrap(client, buffers);
    }

    /** Where it listens; with port 0, the port the system chose. */
    public InetSocketAddress localAddress() {
        return address;
    }
}
