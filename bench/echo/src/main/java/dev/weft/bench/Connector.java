package dev.weft.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.PriorityQueue;

/**
 * Sets up connections at a bounded pace. A connection counts as set up once one ping-pong round
 * trip on it has been verified: only then has the server certainly accepted it and started to
 * serve it. At most {@code maxPending} are being set up at once, so a burst never goes far
 * beyond the listen backlog; a connect that fails or is reset is retried after a backoff that
 * doubles up to a second, until the deadline. A wrong reply is not retried: it ends the setup.
 */
final class Connector {
    private static final long FIRST_BACKOFF_NANOS = 10_000_000;
    private static final long MAX_BACKOFF_NANOS = 1_000_000_000;
    private static final long MAX_WAIT_MILLIS = 100;

    private record Retry(long due, int id) {}

    private final Selector selector;
    private final InetSocketAddress address;
    private final byte[] prefix;
    private final int size;
    private final int maxPending;
    private final ServerProcess server;
    private final Errors errors;
    private final ByteBuffer scratch = ByteBuffer.allocate(64 * 1024);

    private final PriorityQueue<Retry> retries = new PriorityQueue<>((a, b) -> Long.compare(a.due, b.due));
    private int[] attempts;
    private int pending;
    private boolean wrongReply;

    Connector(Selector selector, InetSocketAddress address, byte[] prefix, int size, int maxPending,
              ServerProcess server, Errors errors) {
        this.selector = selector;
        this.address = address;
        this.prefix = prefix;
        this.size = size;
        this.maxPending = maxPending;
        this.server = server;
        this.errors = errors;
    }

    /**
     * Returns {@code count} connections, each idle after its verified round trip; or, if the
     * deadline passes, the server dies or a reply is wrong, closes them all and returns null
     * (the connections missing at the deadline or death count as connect failures).
     */
    Connection[] connect(int count, double timeoutSeconds) throws IOException {
        Connection[] connections = new Connection[count];
        attempts = new int[count];
        pending = 0;
        wrongReply = false;
        retries.clear();
        int ready = 0;
        int next = 0;
        long deadline = System.nanoTime() + (long) (timeoutSeconds * 1e9);
        while (ready < count) {
            long now = System.nanoTime();
            if (now >= deadline || server.died(now)) {
                errors.serverDied = server.died(now);
                errors.connectFailures += count - ready;
                Connection.closeAll(connections);
                return null;
            }
            while (pending < maxPending) {
                if (!retries.isEmpty() && retries.peek().due() <= now) {
                    int id = retries.poll().id();
                    connections[id] = start(id);
                } else if (next < count) {
                    connections[next] = start(next);
                    next++;
                } else {
                    break;
                }
            }
            selector.select(waitMillis(now));
            for (SelectionKey key : selector.selectedKeys()) {
                Connection connection = (Connection) key.attachment();
                if (advance(connection)) {
                    ready++;
                    pending--;
                }
            }
            selector.selectedKeys().clear();
            if (wrongReply) {
                Connection.closeAll(connections);
                return null;
            }
        }
        return connections;
    }

    /** Opens connection {@code id}; a connect refused at once is retried like any other. */
    private Connection start(int id) {
        pending++;
        Connection connection;
        try {
            connection = Connection.open(id, address, selector, prefix, size);
        } catch (IOException e) {
            retry(id);
            return null;
        }
        if (connection.connected()) {
            try {
                connection.send(System.nanoTime());
            } catch (IOException e) {
                connection.close();
                retry(id);
            }
        }
        return connection;
    }

    /** Moves a connection being set up one step on; true once its round trip is verified. */
    private boolean advance(Connection connection) {
        try {
            SelectionKey key = connection.key;
            if (key.isConnectable()) {
                if (connection.finishConnect()) {
                    connection.send(System.nanoTime());
                }
                return false;
            }
            if (key.isWritable()) {
                connection.flush();
            }
            if (key.isReadable() && connection.receive(scratch)) {
                key.interestOps(0); // set up: the caller decides what it does next
                return true;
            }
        } catch (VerificationError e) {
            errors.verification(connection, e);
            wrongReply = true;
        } catch (IOException e) {
            connection.close();
            retry(connection.id);
        }
        return false;
    }

    private void retry(int id) {
        pending--;
        errors.connectRetries++;
        int attempt = ++attempts[id];
        long backoff = Math.min(MAX_BACKOFF_NANOS, FIRST_BACKOFF_NANOS << Math.min(attempt - 1, 20));
        retries.add(new Retry(System.nanoTime() + backoff, id));
    }

    /** Wakes up for the next retry due, and at least every 100 ms to check deadline and server. */
    private long waitMillis(long now) {
        long wait = MAX_WAIT_MILLIS;
        if (!retries.isEmpty()) {
            wait = Math.min(wait, (retries.peek().due() - now) / 1_000_000);
        }
        return Math.max(1, wait);
    }
}
