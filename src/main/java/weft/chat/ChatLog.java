package weft.chat;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;

import weft.monitor.Monitor;
import weft.net.Addresses;
import weft.net.ServerLog;
import weft.scheduler.Task;
import weft.scheduler.TaskEvents;

/**
 * Every line the chat server prints, in one place, in the echo server's words: the startup
 * line, {@code Connection from ('127.0.0.1', 54321)} and {@code Connection closed} per client
 * (which {@code --quiet} drops), the stop and the summary. A client that resets or is cut off
 * is the chat's everyday business, not a failure: only a task failing for another reason (a
 * bug) is reported, on one line.
 */
final class ChatLog implements TaskEvents {
    private final PrintStream out;
    private final boolean quiet;

    ChatLog(PrintStream out, boolean quiet) {
        this.out = out;
        this.quiet = quiet;
    }

    void listening(InetSocketAddress address) {
        out.println("Listening on " + Addresses.python(address));
    }

    void monitorListening(InetSocketAddress address) {
        out.println(Monitor.listeningLine(address));
    }

    void connectionFrom(InetSocketAddress client) {
        perConnection("Connection from " + Addresses.python(client));
    }

    void connectionClosed() {
        perConnection("Connection closed");
    }

    void acceptFailing(RuntimeException error, Duration retry) {
        out.println("Accept failed: " + ServerLog.reason(error) + "; retrying every " + retry.toMillis() + " ms");
    }

    void stopping(Duration drainTimeout) {
        out.println("Stopping: delivering lines for up to " + drainTimeout.toMillis() + " ms");
    }

    void summary(long served, long relayed) {
        out.println("Served " + served + " connections, relayed " + relayed + " lines");
    }

    @Override
    public void taskDone(Task<?> task) {
    }

    @Override
    public void taskFailed(Task<?> task, Throwable error) {
        if (!(error instanceof UncheckedIOException)) { // reset, broken pipe, closed: the client is gone
            out.println("Task failed: " + task + ": " + ServerLog.reason(error));
        }
    }

    private void perConnection(String line) {
        if (!quiet) {
            out.println(line);
        }
    }
}
