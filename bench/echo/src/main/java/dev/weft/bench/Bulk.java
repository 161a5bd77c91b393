package dev.weft.bench;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Arrays;

/**
 * The bulk load, for a pure echo (empty prefix): each connection writes a stream without
 * pause and reads it back, and every byte read must be the next byte of the stream it sent.
 * A window bounds the bytes in flight per connection, so the client never outruns its own
 * reading and the kernel buffers stay bounded. After the measured interval it stops writing
 * and reads back what is still on its way, so that nothing is reset at close.
 */
final class Bulk {
    private static final int WINDOW = 256 * 1024;
    /** The stream repeats a random block of prime length, so a misplaced chunk does not line up with it. */
    private static final int PATTERN_LENGTH = 65_537;
    private static final byte[] PATTERN = pattern();

    record Outcome(Interval interval, long bytes) {}

    /** One connection's stream: byte i of it is PATTERN[(offset + i) % PATTERN_LENGTH]. */
    private static final class Stream {
        final Connection connection;
        final int offset;
        final ByteBuffer out = ByteBuffer.wrap(PATTERN);
        long sent;
        long received;

        Stream(Connection connection) {
            this.connection = connection;
            this.offset = (int) ((connection.id * 7_919L) % PATTERN_LENGTH);
        }

        int position(long streamOffset) {
            return (int) ((offset + streamOffset) % PATTERN_LENGTH);
        }
    }

    private final Selector selector;
    private final ServerProcess server;
    private final Errors errors;
    private final ByteBuffer scratch = ByteBuffer.allocate(64 * 1024);
    /** Connections still streaming, or during the drain, still owed bytes. */
    private int open;
    private boolean measuring;
    private boolean draining;
    private long bytes;

    Bulk(Selector selector, ServerProcess server, Errors errors) {
        this.selector = selector;
        this.server = server;
        this.errors = errors;
    }

    /** Null if the server died, or every connection failed, before the measured interval ended. */
    Outcome run(Connection[] connections, double warmupSeconds, double durationSeconds) throws IOException {
        long now = System.nanoTime();
        Phases phases = new Phases(now, warmupSeconds, durationSeconds);
        open = connections.length;
        for (Connection connection : connections) {
            connection.key.attach(new Stream(connection));
            connection.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        }
        Snapshot start = null;
        Outcome outcome = null;
        while (open > 0) {
            now = System.nanoTime();
            if (server.died(now)) {
                errors.serverDied = true;
                return null;
            }
            Phases.Phase phase = phases.at(now);
            if (start == null && phase != Phases.Phase.WARMING_UP) {
                start = Snapshot.take(server);
                measuring = true;
            }
            if (outcome == null && phase.compareTo(Phases.Phase.DRAINING) >= 0) {
                outcome = new Outcome(new Interval(start, Snapshot.take(server)), bytes);
                measuring = false;
                draining = true;
                stopWriting(connections);
            }
            if (phase == Phases.Phase.OVER) {
                break; // bytes still missing now are not waited for
            }
            selector.select(phases.waitMillis(now));
            for (SelectionKey key : selector.selectedKeys()) {
                step((Stream) key.attachment());
            }
            selector.selectedKeys().clear();
        }
        return outcome;
    }

    /** From the drain on: only read; a stream with nothing owed is done. */
    private void stopWriting(Connection[] connections) {
        for (Connection connection : connections) {
            if (connection.key.isValid()) {
                connection.key.interestOps(SelectionKey.OP_READ);
                Stream stream = (Stream) connection.key.attachment();
                if (stream.sent == stream.received) {
                    open--;
                    connection.key.interestOps(0);
                }
            }
        }
    }

    private void step(Stream stream) {
        Connection connection = stream.connection;
        try {
            if (connection.key.isReadable()) {
                read(stream);
            }
            if (draining) {
                if (stream.sent == stream.received) {
                    open--;
                    connection.key.interestOps(0);
                }
                return;
            }
            if (connection.key.isWritable()) {
                write(stream);
            }
            boolean room = stream.sent - stream.received < WINDOW;
            connection.key.interestOps(SelectionKey.OP_READ | (room ? SelectionKey.OP_WRITE : 0));
        } catch (VerificationError e) {
            errors.verification(connection, e);
            drop(connection);
        } catch (IOException e) {
            errors.io(connection, e);
            drop(connection);
        }
    }

    private void read(Stream stream) throws IOException, VerificationError {
        scratch.clear();
        int n = stream.connection.channel.read(scratch);
        if (n < 0) {
            throw new EOFException("server closed the connection");
        }
        if (n > stream.sent - stream.received) {
            throw new VerificationError("echoed " + (n - (stream.sent - stream.received)) + " bytes more than were sent");
        }
        // Compare in at most two pieces: the stream may wrap around the end of the pattern.
        int done = 0;
        while (done < n) {
            int from = stream.position(stream.received + done);
            int length = Math.min(n - done, PATTERN_LENGTH - from);
            int at = Arrays.mismatch(scratch.array(), done, done + length, PATTERN, from, from + length);
            if (at >= 0) {
                throw new VerificationError("stream byte " + (stream.received + done + at) + " is not the one sent");
            }
            done += length;
        }
        stream.received += n;
        if (measuring) {
            bytes += n;
        }
    }

    private void write(Stream stream) throws IOException {
        long room = WINDOW - (stream.sent - stream.received);
        if (room <= 0) {
            return;
        }
        int from = stream.position(stream.sent);
        int length = (int) Math.min(room, PATTERN_LENGTH - from);
        stream.out.clear().position(from).limit(from + length);
        stream.sent += stream.connection.channel.write(stream.out);
    }

    private void drop(Connection connection) {
        connection.close();
        open--;
    }

    private static byte[] pattern() {
        byte[] pattern = new byte[PATTERN_LENGTH];
        Messages.fill(pattern, 0, PATTERN_LENGTH, -1, 0);
        return pattern;
    }
}
