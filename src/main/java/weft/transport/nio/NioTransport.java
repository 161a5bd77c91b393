package weft.transport.nio;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import weft.transport.Acceptor;
import weft.transport.Poller;
import weft.transport.Stream;
import weft.transport.Transport;

/** The java.nio transport: a {@code Selector} and socket channels, on any JDK 17+ and any OS. */
public final class NioTransport implements Transport {
    public static final NioTransport INSTANCE = new NioTransport();

    private NioTransport() {}

    @Override
    public String name() {
        return "nio";
    }

    @Override
    public Poller openPoller(Poller.Events events) {
        return new NioPoller(events);
    }

    @Override
    public Acceptor listen(InetSocketAddress address, int backlog) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(address, backlog);
            server.configureBlocking(false);
            return new NioAcceptor(server);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    @Override
    public Stream connect(InetSocketAddress address) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.configureBlocking(false);
            boolean connected = channel.connect(address);
            return new NioStream(channel, connected ? (InetSocketAddress) channel.getRemoteAddress() : address);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * A {@link weft.transport.Channel} over any selectable java.nio channel, for tests of the
     * kernel itself (a channel in the wrong mode, say).
     */
    public static weft.transport.Channel wrap(java.nio.channels.SelectableChannel channel) {
        return new NioChannel(channel);
    }

    @Override
    public String toString() {
        return name();
    }
}
