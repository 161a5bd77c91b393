package weft.transport.nio;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import weft.transport.Stream;

/** A java.nio {@link SocketChannel} as a {@link Stream}. */
final class NioStream extends NioChannel implements Stream {
    private final SocketChannel socket;
    private final InetSocketAddress remote; // cached: kept for logs after close

    NioStream(SocketChannel socket, InetSocketAddress remote) {
        super(socket);
        this.socket = socket;
        this.remote = remote;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return socket.read(dst);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return socket.write(src);
    }

    @Override
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public boolean isConnectionPending() {
        return socket.isConnectionPending();
    }

    @Override
    public void finishConnect() throws IOException {
        if (socket.isConnectionPending()) {
            socket.finishConnect();
        }
    }

    @Override
    public void setNoDelay(boolean on) throws IOException {
        socket.setOption(StandardSocketOptions.TCP_NODELAY, on);
    }

    @Override
    public boolean noDelay() throws IOException {
        return socket.getOption(StandardSocketOptions.TCP_NODELAY);
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }
}
