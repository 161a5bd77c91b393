package weft.transport.nio;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import weft.transport.Acceptor;
import weft.transport.Stream;

/** A java.nio {@link ServerSocketChannel} as an {@link Acceptor}. */
final class NioAcceptor extends NioChannel implements Acceptor {
    private final ServerSocketChannel server;
    private final InetSocketAddress local;

    NioAcceptor(ServerSocketChannel server) throws IOException {
        super(server);
        this.server = server;
        this.local = (InetSocketAddress) server.getLocalAddress();
    }

    @Override
    public Stream accept() throws IOException {
        SocketChannel client = server.accept();
        if (client == null) {
            return null;
        }
        try {
            client.configureBlocking(false);
            return new NioStream(client, (InetSocketAddress) client.getRemoteAddress());
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }
}
