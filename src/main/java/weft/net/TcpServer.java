package weft.net;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.function.Function;

import kilim.Pausable;
import weft.scheduler.Task;
import weft.scheduler.Trap;

/**
 * The seed's {@code tcp_server}: waits on the listening socket, accepts each client and starts
 * a handler task for it.
 *
 * <pre>
 * while True:
 *     yield 'recv', sock            # wait for a client connection
 *     client, addr = sock.accept()
 *     tasks.append(handler(client, addr))
 * </pre>
 *
 * Beyond the seed: a failing accept (out of file descriptors, most often) pauses accepting
 * instead of killing the server, a handler that cannot be made or started closes its client
 * and nothing else, {@code --max-connections} turns clients away, and the task ends when the
 * listener is closed or the task is cancelled (a graceful stop does that).
 */
public final class TcpServer extends Task<Void> {
    /**
     * How long to pause accepting after accept fails. Out of fds, the pending connection keeps
     * the listener readable, so retrying at once would spin a core; a pause lets the connections
     * being served finish and free theirs.
     */
    public static final Duration ACCEPT_RETRY = Duration.ofMillis(100);

    private final TcpListener listener;
    private final Function<TcpSocket, Task<?>> handler;
    private final int maxConnections;
    private final ServerStats stats;
    private final ServerLog log;

    /**
     * @param maxConnections connections served at once; beyond it a new client is accepted and
     *                       closed at once, so it learns straight away (0: no limit)
     */
    public TcpServer(TcpListener listener, Function<TcpSocket, Task<?>> handler, int maxConnections,
                     ServerStats stats, ServerLog log) {
        this.listener = listener;
        this.handler = handler;
        this.maxConnections = maxConnections;
        this.stats = stats;
        this.log = log;
    }

    @Override
    protected Void body() throws Pausable {
        boolean failing = false;
        try {
            while (listener.isOpen()) {
                this.yield(Trap.recv(listener));           // wait for a client connection
                TcpSocket client;
                try {
                    client = listener.accept();
                } catch (UncheckedIOException e) {
                    if (!failing) {
                        log.acceptFailing(e, ACCEPT_RETRY);
                        failing = true;
                    }
                    this.yield(Trap.sleep(ACCEPT_RETRY));
                    continue;
                }
                if (failing) {
                    log.acceptingAgain();
                    failing = false;
                }
                if (client == null) {
                    continue;                          // another process took it first
                }
                if (maxConnections > 0 && stats.open() >= maxConnections) {
                    log.connectionRefused(client, maxConnections);
                    client.close();
                    continue;
                }
                if (startHandler(client)) {
                    stats.connectionOpened();
                }
            }
        } finally {
            listener.close();
        }
        return null;
    }

    /**
     * Makes the client's handler and spawns it. If either fails (a factory bug, a task that was
     * already started), the client is closed and the server goes on accepting.
     */
    private boolean startHandler(TcpSocket client) throws Pausable {
        try {
            this.yield(Trap.spawn(handler.apply(client)));
            return true;
        } catch (RuntimeException e) {
            log.handlerFailed(client, e);
            client.close();
            return false;
        }
    }

    @Override
    public String toString() {
        return "tcp_server" + Addresses.python(listener.localAddress());
    }
}
