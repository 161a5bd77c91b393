package dev.weft.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * The ping-pong load: every connection always has one message in flight and sends the next as
 * soon as the verified reply is in. Warm-up first, unrecorded; then round trips that complete
 * inside the measured interval are counted and their latency recorded; then a drain, sending
 * nothing more, so that the connections close with no reply on its way (a server that
 * does not expect a reset, like the seed, would otherwise crash on it).
 */
final class PingPong {
    /** Latencies above a minute are recorded as a minute: none should come near. */
    private static final long MAX_LATENCY_NANOS = TimeUnit.MINUTES.toNanos(1);

    record Outcome(Interval interval, long roundTrips, Histogram latencyNanos) {}

    private final Selector selector;
    private final ServerProcess server;
    private final Errors errors;
    private final ByteBuffer scratch = ByteBuffer.allocate(64 * 1024);
    private final Histogram latencyNanos = new Histogram(MAX_LATENCY_NANOS, 3);
    /** Connections with a message whose reply is not in yet. */
    private int inFlight;
    /** Past the warm-up, before the drain: completed round trips count and their latency is recorded. */
    private boolean measuring;
    private boolean draining;
    private long roundTrips;

    PingPong(Selector selector, ServerProcess server, Errors errors) {
        this.selector = selector;
        this.server = server;
        this.errors = errors;
    }

    /** Null if the server died, or every connection failed, before the measured interval ended. */
    Outcome run(Connection[] connections, double warmupSeconds, double durationSeconds) throws IOException {
        long now = System.nanoTime();
        Phases phases = new Phases(now, warmupSeconds, durationSeconds);
        for (Connection connection : connections) {
            inFlight++;
            try {
                connection.send(now);
            } catch (IOException e) {
                fail(connection, e);
            }
        }
        Snapshot start = null;
        Outcome outcome = null;
        while (inFlight > 0) {
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
                outcome = new Outcome(new Interval(start, Snapshot.take(server)), roundTrips, latencyNanos);
                measuring = false;
                draining = true;
            }
            if (phase == Phases.Phase.OVER) {
                break; // replies still missing now are not waited for
            }
            selector.select(phases.waitMillis(now));
            for (SelectionKey key : selector.selectedKeys()) {
                step((Connection) key.attachment());
            }
            selector.selectedKeys().clear();
        }
        return outcome;
    }

    /** Handles one ready connection: finishes its write, reads, and sends again once the reply is in. */
    private void step(Connection connection) {
        try {
            SelectionKey key = connection.key;
            if (key.isWritable()) {
                connection.flush();
            }
            if (key.isReadable() && connection.receive(scratch)) {
                long now = System.nanoTime();
                if (measuring) {
                    roundTrips++;
                    latencyNanos.recordValue(Math.min(MAX_LATENCY_NANOS, now - connection.sentAt()));
                }
                if (draining) {
                    inFlight--;
                    connection.key.interestOps(0); // done: nothing more may come
                } else {
                    connection.send(now);
                }
            }
        } catch (VerificationError e) {
            errors.verification(connection, e);
            drop(connection);
        } catch (IOException e) {
            fail(connection, e);
        }
    }

    private void fail(Connection connection, IOException e) {
        errors.io(connection, e);
        drop(connection);
    }

    /** A connection that failed is not reconnected: the run goes on with the others. */
    private void drop(Connection connection) {
        connection.close();
        inFlight--;
    }
}
