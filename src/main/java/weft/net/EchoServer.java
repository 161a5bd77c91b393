package weft.net;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;

import weft.scheduler.Scheduler;

/**
 * The echo server put together: a listening socket, the {@link TcpServer} task that accepts on
 * it, an {@link EchoHandler} per client, all on one {@link Scheduler}. Bind, run, stop: the
 * seed's {@code tasks.append(tcp_server(('', 25000), echo_handler)); run()}.
 */
public final class EchoServer {

    /** Everything the command line can set. */
    public record Config(InetSocketAddress address, int backlog, boolean quiet, Duration idleTimeout,
                         int maxConnections, Duration drainTimeout, String prefix) {}

    /** Buffers kept for reuse; beyond this many pending replies at once, extra ones are collected. */
    private static final int BUFFERS_KEPT = 256;

    private final Config config;
    private final Scheduler scheduler;
    private final TcpListener listener;
    private final ServerStats stats = new ServerStats();
    private final ServerLog log;
    private final byte[] prefix;

    private EchoServer(Config config, TcpListener listener, ServerLog log) {
        this.config = config;
        this.listener = listener;
        this.log = log;
        this.prefix = EchoHandler.prefixBytes(config.prefix());
        this.scheduler = new Scheduler(log);
    }

    /** Binds the listening socket; the errors are the JDK's (see {@link TcpListener#bind}). */
    public static EchoServer bind(Config config, PrintStream out) throws IOException {
        NioWarmUp.run();
        BufferPool buffers = new BufferPool(TcpSocket.HEADROOM + EchoHandler.MAX_CHUNK, BUFFERS_KEPT);
        TcpListener listener = TcpListener.bind(config.address(), config.backlog(), buffers);
        return new EchoServer(config, listener, new ServerLog(out, config.quiet()));
    }

    public InetSocketAddress address() {
        return listener.localAddress();
    }

    /** Serves until {@link #stop}, then prints the summary line. */
    public void run() {
        log.listening(address());
        scheduler.spawn(new TcpServer(listener, this::handle, config.maxConnections(), stats, log));
        try {
            scheduler.run();
        } finally {
            scheduler.close();
            log.summary(stats);
        }
    }

    /** From any thread: stop accepting, let replies in flight finish, close everything. */
    public void stop() {
        log.stopping(config.drainTimeout());
        scheduler.requestStop(config.drainTimeout());
    }

    public ServerStats stats() {
        return stats;
    }

    private EchoHandler handle(TcpSocket client) {
        client.setTimeout(config.idleTimeout());
        return new EchoHandler(client, prefix, stats, log);
    }
}
