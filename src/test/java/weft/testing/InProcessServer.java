package weft.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.UnaryOperator;

import weft.monitor.Monitor;
import weft.net.EchoServer;

/** weft's echo server on 127.0.0.1 and a free port, in a thread of the test JVM, logging into {@link #log}. */
public final class InProcessServer implements AutoCloseable {
    public final Lines log = new Lines();
    private final EchoServer server;
    private final Thread loop;

    private InProcessServer(EchoServer.Config config) throws IOException {
        this.server = EchoServer.bind(config, log.printStream());
        this.loop = new Thread(server::run, "weft-loop");
        loop.setDaemon(true);
        loop.start();
    }

    public static InProcessServer start() throws IOException {
        return start(config -> config);
    }

    /** Starts a server with the defaults of the command line, changed by {@code tweak}. */
    public static InProcessServer start(UnaryOperator<EchoServer.Config> tweak) throws IOException {
        return new InProcessServer(tweak.apply(defaults()));
    }

    public static EchoServer.Config defaults() {
        return new EchoServer.Config(new InetSocketAddress("127.0.0.1", 0), 4096, false, Duration.ZERO, 0,
                Duration.ofSeconds(2), "GOT:", EchoServer.Handler.TRAPS, Monitor.OFF);
    }

    public int port() {
        return server.address().getPort();
    }

    public EchoServer server() {
        return server;
    }

    /** Stops gracefully and waits for the loop to end (the summary line is then in the log). */
    public void stop(Duration timeout) throws InterruptedException {
        server.stop();
        awaitEnd(timeout);
    }

    /** Waits for the loop to end, after a stop. */
    public void awaitEnd(Duration timeout) throws InterruptedException {
        loop.join(timeout.toMillis());
        if (loop.isAlive()) {
            throw new AssertionError("server loop still running " + timeout + " after stop");
        }
    }

    public boolean isRunning() {
        return loop.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (loop.isAlive()) {
            stop(Duration.ofSeconds(10));
        }
    }
}
