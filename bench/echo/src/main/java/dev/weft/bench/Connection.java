package dev.weft.bench;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

/**
 * One client connection doing ping-pong: send a message, expect exactly prefix + message back,
 * byte for byte, then the next message. Replies are checked as they arrive, so nothing is
 * buffered beyond the one expected reply.
 */
final class Connection {
    final int id;
    final SocketChannel channel;
    final SelectionKey key;

    /** Prefix + the message in flight: what the server must send back. */
    private final byte[] reply;
    private final int prefixLength;
    /** The message part of {@link #reply}: what is sent. */
    private final ByteBuffer outgoing;

    private long sequence;
    private int received;
    private boolean awaiting;
    /** {@link System#nanoTime} when the message in flight started to be written. */
    private long sentAt;

    private Connection(int id, SocketChannel channel, SelectionKey key, byte[] prefix, int size) {
        this.id = id;
        this.channel = channel;
        this.key = key;
        this.prefixLength = prefix.length;
        this.reply = Arrays.copyOf(prefix, prefix.length + size);
        this.outgoing = ByteBuffer.wrap(reply, prefixLength, size).slice();
    }

    /** Starts a non-blocking connect; the key says OP_CONNECT until {@link #finishConnect} is true. */
    static Connection open(int id, InetSocketAddress address, Selector selector, byte[] prefix, int size)
            throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.configureBlocking(false);
            // Like the servers: a 64-byte message must not wait for Nagle.
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            boolean connected = channel.connect(address);
            SelectionKey key = channel.register(selector, connected ? 0 : SelectionKey.OP_CONNECT);
            Connection connection = new Connection(id, channel, key, prefix, size);
            key.attach(connection);
            return connection;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    boolean connected() {
        return channel.isConnected();
    }

    boolean finishConnect() throws IOException {
        return channel.finishConnect();
    }

    /** Writes the next message; what the kernel does not take now goes out on OP_WRITE. */
    void send(long now) throws IOException {
        sequence++;
        Messages.fill(reply, prefixLength, outgoing.capacity(), id, sequence);
        outgoing.clear();
        received = 0;
        awaiting = true;
        sentAt = now;
        flush();
    }

    void flush() throws IOException {
        channel.write(outgoing);
        // Always reading: with an empty prefix the server may echo the part it has before we finish.
        key.interestOps(outgoing.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    /** Reads what has arrived and checks it; true once the whole reply is in. */
    boolean receive(ByteBuffer scratch) throws IOException, VerificationError {
        scratch.clear();
        int n = channel.read(scratch);
        if (n < 0) {
            throw new EOFException("server closed the connection");
        }
        if (!awaiting && n > 0) {
            throw new VerificationError(n + " bytes arrived with no message in flight");
        }
        int expected = Math.min(n, reply.length - received);
        int at = Arrays.mismatch(scratch.array(), 0, expected, reply, received, received + expected);
        if (at >= 0) {
            throw new VerificationError(String.format("message %d, reply byte %d: expected 0x%02x, got 0x%02x",
                    sequence, received + at, reply[received + at], scratch.array()[at]));
        }
        if (n > expected) {
            throw new VerificationError("message " + sequence + ": " + (n - expected) + " bytes beyond the reply");
        }
        received += n;
        awaiting = received < reply.length;
        return !awaiting;
    }

    long sentAt() {
        return sentAt;
    }

    static void closeAll(Connection[] connections) {
        for (Connection connection : connections) {
            if (connection != null) {
                connection.close();
            }
        }
    }

    void close() {
        key.cancel();
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing is all that is left to do with it.
        }
    }
}
