package weft.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

import weft.chat.ChatServer;
import weft.monitor.Monitor;

/** weft's chat server on 127.0.0.1 and a free port, in a thread of the test JVM, logging into {@link #log}. */
public final class InProcessChat implements AutoCloseable {
    public final Lines log = new Lines();
    private final ChatServer server;
    private final Thread loop;

    public InProcessChat(Duration drainTimeout) throws IOException {
        this.server = ChatServer.bind(new ChatServer.Config(new InetSocketAddress("127.0.0.1", 0), 4096, false,
                drainTimeout, Monitor.OFF), log.printStream());
        this.loop = new Thread(server::run, "weft-chat-loop");
        loop.setDaemon(true);
        loop.start();
    }

    public int port() {
        return server.address().getPort();
    }

    /** Stops gracefully and waits for the loop to end (the summary line is then in the log). */
    public void stop(Duration timeout) throws InterruptedException {
        server.stop();
        loop.join(timeout.toMillis());
        if (loop.isAlive()) {
            throw new AssertionError("chat loop still running " + timeout + " after stop");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (loop.isAlive()) {
            stop(Duration.ofSeconds(10));
        }
    }
}
