package weft.scheduler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

import weft.net.BufferPool;
import weft.net.TcpListener;
import weft.net.TcpSocket;
import weft.testing.Turns;

/**
 * Real loopback connections for driving a {@link Scheduler} step by step from the test thread:
 * the client end is a plain blocking channel, the server end a weft {@link TcpSocket}.
 */
final class Loopback implements AutoCloseable {
    final Scheduler scheduler;
    final TcpListener listener;
    final BufferPool buffers = new BufferPool(TcpSocket.HEADROOM + 1000, 8);

    Loopback(Scheduler scheduler) throws IOException {
        this.scheduler = scheduler;
        this.listener = TcpListener.bind(new InetSocketAddress("127.0.0.1", 0), 64, buffers);
    }

    /** A connected pair: the client end, and the server end accepted by a task of the scheduler. */
    Pair connect() throws IOException {
        SocketChannel client = SocketChannel.open(listener.localAddress());
        return new Pair(client, Turns.acceptOne(scheduler, listener));
    }

    /** Turns the loop until {@code done}, for at most 10 s. */
    void runUntil(BooleanSupplier done) {
        Turns.runUntil(scheduler, done);
    }

    @Override
    public void close() {
        listener.close();
        scheduler.close();
    }

    record Pair(SocketChannel client, TcpSocket server) implements AutoCloseable {
        void clientSends(String text) {
            try {
                ByteBuffer data = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (data.hasRemaining()) {
                    client.write(data);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            client.close();
            server.close();
        }
    }

    static String text(ByteBuffer data) {
        return data == null ? "<eof>" : StandardCharsets.UTF_8.decode(data.duplicate()).toString();
    }
}
