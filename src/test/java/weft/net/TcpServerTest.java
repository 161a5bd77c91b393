package weft.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import weft.scheduler.Scheduler;
import weft.scheduler.Task;
import weft.testing.EchoClient;
import weft.testing.Lines;

/** The seed's tcp_server beyond the echo handler: a handler that cannot be made or started costs its own client only. */
@Timeout(60)
class TcpServerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Lines log = new Lines();
    private final ServerLog serverLog = new ServerLog(log.printStream(), false);
    private final ServerStats stats = new ServerStats();
    private final Scheduler scheduler = new Scheduler(serverLog);
    private Thread loop;

    @AfterEach
    void stop() throws InterruptedException {
        if (loop != null) {
            scheduler.requestStop(Duration.ZERO);
            loop.join(WAIT.toMillis());
            assertThat(loop.isAlive()).isFalse();
        }
    }

    @Test
    void aHandlerFactoryThatThrowsClosesThatClientOnlyAndTheServerGoesOn() throws Exception {
        AtomicInteger made = new AtomicInteger();
        int port = serve(client -> {
            if (made.getAndIncrement() == 0) {
                throw new IllegalStateException("factory bug");
            }
            return echoHandler(client);
        });

        try (EchoClient first = EchoClient.connect(port)) {
            assertThat(first.read()).as("the first client is closed").isEqualTo(-1);
        }
        log.await(line -> line.startsWith("Handler failed for ('127.0.0.1', ")
                && line.endsWith("): java.lang.IllegalStateException: factory bug; connection closed"), WAIT);
        try (EchoClient second = EchoClient.connect(port)) {
            assertThat(second.roundTrip("GOT:", "still serving")).isEqualTo("GOT:still serving");
        }
        log.await("Task done", WAIT);

        stop();
        assertThat(stats.open()).as("connections open once all are closed").isZero();
        assertThat(stats.served()).isEqualTo(1);
    }

    @Test
    void aHandlerThatCannotBeStartedClosesThatClientOnly() throws Exception {
        Task<?>[] firstHandler = new Task[1];
        int port = serve(client -> {
            if (firstHandler[0] == null) {
                firstHandler[0] = echoHandler(client);
            }
            return firstHandler[0]; // the second client gets a task already started: a factory bug
        });

        try (EchoClient first = EchoClient.connect(port)) {
            assertThat(first.roundTrip("GOT:", "one")).isEqualTo("GOT:one");
            try (EchoClient second = EchoClient.connect(port)) {
                assertThat(second.read()).as("the second client is closed").isEqualTo(-1);
            }
            log.await(line -> line.startsWith("Handler failed for ('127.0.0.1', ")
                    && line.endsWith("task already started: " + firstHandler[0] + "; connection closed"), WAIT);
            assertThat(first.roundTrip("GOT:", "two")).isEqualTo("GOT:two");
        }
        log.await("Task done", WAIT);

        stop();
        assertThat(stats.open()).isZero();
        assertThat(stats.served()).isEqualTo(1);
    }

    private int serve(Function<TcpSocket, Task<?>> handlers) throws Exception {
        TcpListener listener = TcpListener.bind(new InetSocketAddress("127.0.0.1", 0), 16,
                new BufferPool(TcpSocket.HEADROOM + EchoHandler.MAX_CHUNK, 8));
        scheduler.spawn(new TcpServer(listener, handlers, 0, stats, serverLog));
        loop = new Thread(scheduler::run, "weft-loop");
        loop.start();
        return listener.localAddress().getPort();
    }

    private EchoHandler echoHandler(TcpSocket client) {
        return new EchoHandler(client, new HandlerContext("GOT:".getBytes(), stats, serverLog, () -> false));
    }
}
