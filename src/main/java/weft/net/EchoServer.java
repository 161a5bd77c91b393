package weft.net;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import weft.monitor.Monitor;
import weft.scheduler.Clock;
import weft.scheduler.Scheduler;
import weft.scheduler.Task;
import weft.scheduler.Where;
import weft.transport.Transport;
import weft.transport.Transports;
import weft.transport.nio.NioTransport;

/**
 * The echo server put together: a listening socket, the {@link TcpServer} task that accepts on
 * it, an {@link EchoHandler} per client, all on one {@link Scheduler}. Bind, run, stop: the
 * seed's {@code tasks.append(tcp_server(('', 25000), echo_handler)); run()}.
 */
public final class EchoServer {

    /** Everything the command line can set. */
    public record Config(InetSocketAddress address, int backlog, boolean quiet, Duration idleTimeout,
                         int maxConnections, Duration drainTimeout, String prefix, Handler handler,
                         int monitorPort) {

        public Config withQuiet(boolean quiet) {
            return new Config(address, backlog, quiet, idleTimeout, maxConnections, drainTimeout, prefix, handler, monitorPort);
        }

        public Config withIdleTimeout(Duration idleTimeout) {
            return new Config(address, backlog, quiet, idleTimeout, maxConnections, drainTimeout, prefix, handler, monitorPort);
        }

        public Config withMaxConnections(int maxConnections) {
            return new Config(address, backlog, quiet, idleTimeout, maxConnections, drainTimeout, prefix, handler, monitorPort);
        }

        public Config withDrainTimeout(Duration drainTimeout) {
            return new Config(address, backlog, quiet, idleTimeout, maxConnections, drainTimeout, prefix, handler, monitorPort);
        }

        public Config withHandler(Handler handler) {
            return new Config(address, backlog, quiet, idleTimeout, maxConnections, drainTimeout, prefix, handler, monitorPort);
        }

        /** With the task monitor on {@code port} of 127.0.0.1 (0: any free one), or {@link Monitor#OFF}. */
        public Config withMonitorPort(int monitorPort) {
            return new Config(address, backlog, quiet, idleTimeout, maxConnections, drainTimeout, prefix, handler, monitorPort);
        }
    }

    /** Which echo_handler serves each client: the seed's, or the lesson's next. */
    public enum Handler {
        /** {@link EchoHandler}: exercise 8.5, a trap yielded before each plain socket call. */
        TRAPS,
        /** {@link GenEchoHandler}: exercise 8.6, {@link GenSocket} calls that suspend inside. */
        GENSOCKET
    }

    /** Buffers kept for reuse; beyond this many pending replies at once, extra ones are collected. */
    private static final int BUFFERS_KEPT = 256;

    private final Config config;
    private final Scheduler scheduler;
    private final TcpListener listener;
    private final GenListener monitor; // null: no monitor
    private final ServerStats stats = new ServerStats();
    private final ServerLog log;
    private final HandlerContext handlers;
    private boolean draining; // the loop's: set and read on its thread

    private EchoServer(Config config, Transport transport, TcpListener listener, GenListener monitor, ServerLog log) {
        this.config = config;
        this.listener = listener;
        this.monitor = monitor;
        this.log = log;
        this.handlers = new HandlerContext(EchoHandler.prefixBytes(config.prefix()), stats, this.log, () -> draining);
        this.scheduler = new Scheduler(log, Clock.SYSTEM, transport);
    }

    /**
     * Binds the listening socket on the default transport, and the monitor's if there is one;
     * the errors are the JDK's (see {@link TcpListener#bind}), or {@link Monitor.BindFailure}
     * for the monitor's.
     */
    public static EchoServer bind(Config config, PrintStream out) throws IOException {
        return bind(config, Transports.defaultTransport(), out);
    }

    /** {@link #bind(Config, PrintStream)} on {@code transport}: {@code nio} or {@code epoll}. */
    public static EchoServer bind(Config config, Transport transport, PrintStream out) throws IOException {
        if (transport instanceof NioTransport) {
            NioWarmUp.run();
        }
        WarmUp.run(transport);
        BufferPool buffers = new BufferPool(TcpSocket.HEADROOM + EchoHandler.MAX_CHUNK, BUFFERS_KEPT);
        TcpListener listener = TcpListener.bind(transport, config.address(), config.backlog(), buffers);
        GenListener monitor = Monitor.bindUnlessOff(transport, config.monitorPort(), listener::close);
        return new EchoServer(config, transport, listener, monitor, new ServerLog(out, config.quiet()));
    }

    /** The transport it serves through. */
    public Transport transport() {
        return scheduler.transport();
    }

    public InetSocketAddress address() {
        return listener.localAddress();
    }

    /** Serves until {@link #stop}, then prints the summary line. */
    public void run() {
        log.listening(address());
        TcpServer acceptor = new TcpServer(listener, this::handle, config.maxConnections(), stats, log);
        scheduler.spawn(acceptor);
        if (monitor != null) {
            log.monitorListening(monitor.localAddress());
            scheduler.spawn(new Monitor(monitor, scheduler, this::statsLines));
        }
        scheduler.onStop(() -> beginDrain(acceptor));
        try {
            scheduler.run();
        } finally {
            scheduler.close();
            log.summary(stats);
        }
    }

    /** The server's figures, for the monitor's {@code stats}. */
    private List<String> statsLines() {
        return List.of("connections open " + stats.open(), "connections served " + stats.served(),
                "bytes echoed " + stats.bytesEchoed());
    }

    /** From any thread: stop accepting, let replies in flight finish, close everything. */
    public void stop() {
        log.stopping(config.drainTimeout());
        scheduler.requestStop(config.drainTimeout());
    }

    /**
     * The stop policy, run on the loop when a stop begins. No new connection, not even into the
     * backlog: the acceptor is cancelled and closes the listener. A handler waiting for input is
     * cancelled at once (its client sees the connection close); one in the middle of a reply
     * finishes it, then ends at its next wait for input. Whatever is left at the drain deadline
     * the scheduler cancels.
     */
    private void beginDrain(TcpServer acceptor) {
        draining = true;
        scheduler.cancel(acceptor);
        for (Task<?> task : scheduler.tasks()) {
            if (task.where() == Where.RECV) {
                scheduler.cancel(task);
            }
        }
    }

    public ServerStats stats() {
        return stats;
    }

    private Task<Void> handle(TcpSocket client) {
        client.setTimeout(config.idleTimeout());
        return config.handler() == Handler.GENSOCKET
                ? new GenEchoHandler(new GenSocket(client), handlers)
                : new EchoHandler(client, handlers);
    }
}
