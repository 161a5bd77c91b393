package weft.monitor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

import kilim.Pausable;
import weft.net.Addresses;
import weft.net.GenListener;
import weft.net.GenSocket;
import weft.scheduler.Scheduler;
import weft.scheduler.Task;
import weft.transport.Transport;

/**
 * The task monitor (curio's, on the same default port 48802): a task of the scheduler it
 * watches, serving one client at a time a line protocol on 127.0.0.1 only. Each command gets
 * its answer's lines, then an empty line. Being a task, it is woven, cancellable, listed by
 * {@code ps}, and answers while other tasks are busy (the kernel's fairness); it costs the
 * server nothing until a client asks.
 *
 * <p>Nothing a client sends can stop the server: a line longer than {@value #MAX_LINE} bytes
 * gets one error line and the session is closed; any other text is a command or is answered
 * with one line saying it is not.
 */
public final class Monitor extends Task<Void> {
    /** curio's monitor port. */
    public static final int DEFAULT_PORT = 48802;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    static final int MAX_LINE = 4096;

    private final GenListener listener;
    private final MonitorCommands commands;

    /**
     * @param listener    bound to a loopback address (see {@link #bind})
     * @param serverStats the server's own lines for {@code stats}
     */
    public Monitor(GenListener listener, Scheduler scheduler, Supplier<List<String>> serverStats) {
        this.listener = listener;
        this.commands = new MonitorCommands(scheduler, serverStats);
    }

    /** A server's monitor port when it has no monitor. */
    public static final int OFF = -1;

    /** The line a server prints when its monitor listens. */
    public static String listeningLine(InetSocketAddress address) {
        return "Monitor listening on " + Addresses.python(address);
    }

    /**
     * Binds the monitor's listener on {@code transport} (its scheduler's): on 127.0.0.1 only,
     * whatever else the server listens on.
     */
    public static GenListener bind(Transport transport, int port) throws BindFailure {
        try {
            return GenListener.bind(transport, new InetSocketAddress(LOOPBACK, port), 8);
        } catch (IOException e) {
            throw new BindFailure(port, e);
        }
    }

    /**
     * The monitor's listener on {@code port}, or null if the port is {@link #OFF}. If binding
     * fails, {@code undo} runs first (it closes the server's own listener, bound just before).
     */
    public static GenListener bindUnlessOff(Transport transport, int port, Runnable undo) throws BindFailure {
        if (port == OFF) {
            return null;
        }
        try {
            return bind(transport, port);
        } catch (BindFailure e) {
            undo.run();
            throw e;
        }
    }

    /** The monitor's port could not be bound; the message says why, in one line. */
    public static final class BindFailure extends IOException {
        private static final long serialVersionUID = 1L;

        BindFailure(int port, IOException cause) {
            super(String.valueOf(cause.getMessage()).contains("in use")
                    ? "monitor port " + port + " is already in use"
                    : "cannot start the monitor on 127.0.0.1:" + port + ": " + cause.getMessage(), cause);
        }
    }

    @Override
    protected Void body() throws Pausable {
        try {
            while (true) {
                GenSocket client = listener.accept();
                try (client) {
                    serve(client);
                } catch (UncheckedIOException gone) {
                    // the client reset or vanished: the next one may come
                }
            }
        } finally {
            listener.close();
        }
    }

    private void serve(GenSocket client) throws Pausable {
        LineReader lines = new LineReader(client, MAX_LINE);
        while (true) {
            String line;
            try {
                line = lines.next();
            } catch (LineReader.TooLong tooLong) {
                send(client, List.of("error: " + tooLong.getMessage() + "; closing"));
                return;
            }
            if (line == null) {
                return;
            }
            List<String> answer = commands.run(line);
            send(client, answer == null ? List.of("no task " + line.trim().split("\\s+")[1]) : answer);
            if (line.trim().equalsIgnoreCase(MonitorCommands.QUIT) || line.trim().equalsIgnoreCase("exit")) {
                return;
            }
        }
    }

    private static void send(GenSocket client, List<String> lines) throws Pausable {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append('\n');
        }
        text.append('\n'); // the end of the answer
        client.sendAll(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    protected void cancelledBeforeStart() {
        listener.close();
    }

    @Override
    public String toString() {
        return "monitor" + Addresses.python(listener.localAddress());
    }
}
