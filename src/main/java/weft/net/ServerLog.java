package weft.net;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.Supplier;

import weft.monitor.Monitor;
import weft.scheduler.Task;
import weft.scheduler.TaskEvents;

/**
 * Every line the server prints, in one place. The per-connection lines are the seed's
 * ({@code Connection from ('127.0.0.1', 54321)}, {@code Connection closed}, {@code Task done})
 * and {@code --quiet} drops them; what concerns the whole server is always printed.
 * Failures are one line each, never a stack trace.
 */
public final class ServerLog implements TaskEvents {
    private final PrintStream out;
    private final boolean quiet;

    public ServerLog(PrintStream out, boolean quiet) {
        this.out = out;
        this.quiet = quiet;
    }

    public void listening(InetSocketAddress address) {
        out.println("Listening on " + Addresses.python(address));
    }

    public void monitorListening(InetSocketAddress address) {
        out.println(Monitor.listeningLine(address));
    }

    void connectionFrom(TcpSocket client) {
        perConnection(() -> "Connection from " + Addresses.python(client.remoteAddress()));
    }

    void connectionClosed() {
        perConnection(() -> "Connection closed");
    }

    void connectionTimedOut(TcpSocket client, RuntimeException timeout) {
        perConnection(() -> "Connection timed out " + Addresses.python(client.remoteAddress()) + ": " + timeout.getMessage());
    }

    void connectionRefused(TcpSocket client, int limit) {
        perConnection(() -> "Connection refused " + Addresses.python(client.remoteAddress()) + ": " + limit
                + " connections open (--max-connections)");
    }

    /** Always printed: it is a bug in the handler factory, not a client's doing. */
    void handlerFailed(TcpSocket client, RuntimeException error) {
        out.println("Handler failed for " + Addresses.python(client.remoteAddress()) + ": " + reason(error)
                + "; connection closed");
    }

    void acceptFailing(RuntimeException error, Duration retry) {
        out.println("Accept failed: " + reason(error) + "; retrying every " + retry.toMillis() + " ms");
    }

    void acceptingAgain() {
        out.println("Accepting again");
    }

    public void stopping(Duration drainTimeout) {
        out.println("Stopping: finishing replies for up to " + drainTimeout.toMillis() + " ms");
    }

    public void summary(ServerStats stats) {
        out.println("Served " + stats.served() + " connections, echoed " + stats.bytesEchoed() + " bytes");
    }

    @Override
    public void taskDone(Task<?> task) {
        perConnection(() -> "Task done");
    }

    @Override
    public void taskFailed(Task<?> task, Throwable error) {
        perConnection(() -> "Task failed: " + task + ": " + reason(error));
    }

    /** An I/O failure by the OS's words ("Connection reset by peer"); anything else by its type too. */
    public static String reason(Throwable error) {
        if (error instanceof UncheckedIOException io && io.getCause().getMessage() != null) {
            return io.getCause().getMessage();
        }
        return error.toString();
    }

    /**
     * A line about one connection, made only when it is printed: under {@code --quiet} not even
     * the client's address is made (see EpollStream, which keeps it packed until asked).
     */
    private void perConnection(Supplier<String> line) {
        if (!quiet) {
            out.println(line.get());
        }
    }
}
