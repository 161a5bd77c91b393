package weft.chat;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.List;

import kilim.Pausable;
import weft.monitor.Monitor;
import weft.net.GenListener;
import weft.transport.Transports;
import weft.net.GenSocket;
import weft.net.TcpServer;
import weft.scheduler.Scheduler;
import weft.scheduler.Task;
import weft.scheduler.Tasks;
import weft.scheduler.Where;

/**
 * {@code weft chat}: a line-based chat room on one {@link Scheduler}, built on weft's public API
 * only (the proof that it is enough). An acceptor task; per client a {@link ChatSession} with a
 * reader and a writer task in a task group and an outbox mailbox; the {@link ChatRoom} that
 * puts every line into every other client's outbox without waiting.
 *
 * <p>Stop: no new connection; the readers are cancelled at once (a line not yet read is not
 * accepted); the writers send what is queued and end; at the drain deadline the scheduler
 * cancels what is left, and every socket closes.
 */
public final class ChatServer {

    /** Everything the command line can set. */
    public record Config(InetSocketAddress address, int backlog, boolean quiet, Duration drainTimeout,
                         int monitorPort) {
    }

    private final Config config;
    private final GenListener listener;
    private final GenListener monitor; // null: no monitor
    private final ChatLog log;
    private final ChatRoom room = new ChatRoom();
    private final Scheduler scheduler;

    private ChatServer(Config config, GenListener listener, GenListener monitor, ChatLog log) {
        this.config = config;
        this.listener = listener;
        this.monitor = monitor;
        this.log = log;
        this.scheduler = new Scheduler(log);
    }

    /**
     * Binds the listening socket, and the monitor's if there is one; the errors are the JDK's
     * (BindException when the port is taken), or {@link Monitor.BindFailure} for the monitor's.
     */
    public static ChatServer bind(Config config, PrintStream out) throws IOException {
        GenListener listener = GenListener.bind(config.address(), config.backlog());
        GenListener monitor = Monitor.bindUnlessOff(Transports.defaultTransport(), config.monitorPort(), listener::close);
        return new ChatServer(config, listener, monitor, new ChatLog(out, config.quiet()));
    }

    public InetSocketAddress address() {
        return listener.localAddress();
    }

    /** Serves until {@link #stop}, then prints the summary line. */
    public void run() {
        log.listening(address());
        Task<Void> acceptor = scheduler.spawn(new Task<>("chat_server", self -> acceptClients()));
        Task<Void> watcher = monitor == null ? null : scheduler.spawn(new Monitor(monitor, scheduler, this::statsLines));
        if (watcher != null) {
            log.monitorListening(monitor.localAddress());
        }
        scheduler.onStop(() -> {
            if (watcher != null) {
                scheduler.cancel(watcher);
            }
            beginDrain(acceptor);
        });
        try {
            scheduler.run();
        } finally {
            scheduler.close();
            listener.close();
            log.summary(room.served(), room.relayed());
        }
    }

    /** From any thread: stop accepting, deliver what was accepted, close everyone. */
    public void stop() {
        log.stopping(config.drainTimeout());
        scheduler.requestStop(config.drainTimeout());
    }

    /** The server's figures, for the monitor's {@code stats}. */
    private List<String> statsLines() {
        return List.of("connections open " + room.size(), "connections served " + room.served(),
                "lines relayed " + room.relayed());
    }

    /** Clients that joined, since the start. For the loop's thread, or after {@link #run}. */
    public long served() {
        return room.served();
    }

    /** Lines relayed, each counted once. For the loop's thread, or after {@link #run}. */
    public long relayed() {
        return room.relayed();
    }

    /** The seed's {@code tcp_server}, with GenSocket: accept, start a session, again. */
    private Void acceptClients() throws Pausable {
        boolean failing = false;
        try {
            while (true) {
                GenSocket client;
                try {
                    client = listener.accept();                     // wait for a client
                    failing = false;
                } catch (UncheckedIOException e) {
                    if (e.getCause() instanceof ClosedChannelException) {
                        return null;                                // closed: the server stops
                    }
                    if (!failing) {
                        log.acceptFailing(e, TcpServer.ACCEPT_RETRY);
                        failing = true;
                    }
                    Tasks.sleep(TcpServer.ACCEPT_RETRY);
                    continue;
                }
                Tasks.spawn(new ChatSession(client, room, log));
            }
        } finally {
            listener.close();
        }
    }

    /**
     * The stop policy, on the loop when the stop begins: the acceptor and every reader are
     * cancelled at once, and so is every writer with nothing left to send; the writers that
     * have lines queued finish them (see {@link ChatWriter}), within the drain timeout.
     */
    private void beginDrain(Task<Void> acceptor) {
        room.close();
        scheduler.cancel(acceptor);
        for (Task<?> task : scheduler.tasks()) {
            if (task instanceof ChatReader || task instanceof ChatWriter && task.where() == Where.GET) {
                scheduler.cancel(task);
            }
        }
    }
}
