package weft.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import weft.testing.EchoClient;
import weft.testing.InProcessServer;
import weft.testing.ReplyStream;

/** The echo server on real loopback sockets: the seed's replies and log lines, and nothing lost. */
@Timeout(60)
class EchoServerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private InProcessServer server;

    @BeforeEach
    void start() throws Exception {
        server = InProcessServer.start(config -> config.withHandler(handler()));
    }

    /** The echo_handler under test; {@link GenSocketEchoServerTest} runs every test here with the other. */
    EchoServer.Handler handler() {
        return EchoServer.Handler.TRAPS;
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void repliesGotPlusWhatTheClientSentWithTheSeedsLogLines() throws Exception {
        int clientPort;
        try (EchoClient client = EchoClient.connect(server.port())) {
            clientPort = client.localPort();
            assertThat(client.roundTrip("GOT:", "Hello\n")).isEqualTo("GOT:Hello\n");
            assertThat(client.roundTrip("GOT:", "again")).isEqualTo("GOT:again");
        }
        server.log.await("Task done", WAIT);
        assertThat(server.log.all()).containsSubsequence(
                "Connection from ('127.0.0.1', " + clientPort + ")", "Connection closed", "Task done");
    }

    @Test
    void servesManyClientsAtOnceWithExactReplies() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(50);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int c = 0; c < 50; c++) {
                int id = c;
                results.add(clients.submit(() -> {
                    try (EchoClient client = EchoClient.connect(server.port())) {
                        for (int i = 0; i < 20; i++) {
                            String message = "client " + id + " message " + i;
                            assertThat(client.roundTrip("GOT:", message)).isEqualTo("GOT:" + message);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> result : results) {
                result.get(30, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
        server.log.awaitCount("Task done", 50, WAIT);
    }

    @Test
    void everyByteValueComesBackExactly() throws Exception {
        byte[] data = ReplyStream.data(256 * 8, "GOT:");
        try (EchoClient client = EchoClient.connect(server.port())) {
            client.send(data);
            client.shutdownOutput();
            ReplyStream.assertEchoes("GOT:", data, client.readToEnd());
        }
    }

    @Test
    void pipelinedRequestsAreAllAnsweredInOrder() throws Exception {
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        try (EchoClient client = EchoClient.connect(server.port())) {
            for (int i = 0; i < 500; i++) {
                byte[] request = ("request " + i + ";").getBytes();
                client.send(request);
                sent.write(request);
            }
            client.shutdownOutput();
            ReplyStream.assertEchoes("GOT:", sent.toByteArray(), client.readToEnd());
        }
    }

    @Test
    void megabytesInOneWriteComeBackExactly() throws Exception {
        byte[] data = ReplyStream.data(8 << 20, "GOT:");
        try (EchoClient client = EchoClient.connect(server.port())) {
            Thread writer = new Thread(() -> {
                try {
                    client.send(data); // one write: the server's backpressure paces it
                    client.shutdownOutput();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            writer.start();
            byte[] replies = client.readToEnd();
            writer.join(WAIT.toMillis());
            ReplyStream.assertEchoes("GOT:", data, replies);
        }
    }

    @Test
    void halfClosedClientStillGetsEveryReplyThenEndOfStream() throws Exception {
        try (EchoClient client = EchoClient.connect(server.port())) {
            client.send("first");
            client.send("second");
            client.shutdownOutput();
            byte[] replies = client.readToEnd(); // returns only at the server's close
            ReplyStream.assertEchoes("GOT:", "firstsecond".getBytes(), replies);
        }
        server.log.await("Connection closed", WAIT);
    }

    @Test
    void clientThatResetsEndsOnlyItsOwnTaskWithOneLine() throws Exception {
        try (EchoClient survivor = EchoClient.connect(server.port())) {
            EchoClient resetter = EchoClient.connect(server.port());
            int resetterPort = resetter.localPort();
            assertThat(resetter.roundTrip("GOT:", "hi")).isEqualTo("GOT:hi");
            resetter.reset();

            String line = server.log.await(l -> l.startsWith("Task failed: "), WAIT);
            assertThat(line).isEqualTo("Task failed: echo_handler('127.0.0.1', " + resetterPort
                    + "): Connection reset");
            assertThat(survivor.roundTrip("GOT:", "still here")).isEqualTo("GOT:still here");
        }
    }

    @Test
    void clientThatResetsWhileARepliesIsPendingEndsOnlyItsOwnTask() throws Exception {
        try (EchoClient survivor = EchoClient.connect(server.port())) {
            EchoClient flooder = EchoClient.connect(server.port());
            flooder.socket().setReceiveBufferSize(4096);
            byte[] flood = ReplyStream.data(32 << 20, "GOT:");
            Thread writer = new Thread(() -> {
                try {
                    flooder.send(flood); // never reads: the server ends up with a reply it cannot send
                } catch (Exception expected) {
                    // the reset below interrupts this write
                }
            });
            writer.setDaemon(true);
            writer.start();
            // The server is still serving others while the flooder's reply is stuck.
            assertThat(survivor.roundTrip("GOT:", "ping")).isEqualTo("GOT:ping");
            flooder.reset();
            writer.join(WAIT.toMillis());

            String line = server.log.await(l -> l.startsWith("Task failed: "), WAIT);
            assertThat(line).containsAnyOf("Connection reset", "Broken pipe");
            assertThat(survivor.roundTrip("GOT:", "pong")).isEqualTo("GOT:pong");
        }
    }

    @Test
    void quietServerPrintsNoPerConnectionLinesNotEvenForAFailure() throws Exception {
        try (InProcessServer quiet = InProcessServer.start(c -> c.withQuiet(true).withHandler(handler()))) {
            try (EchoClient client = EchoClient.connect(quiet.port())) {
                assertThat(client.roundTrip("GOT:", "shh")).isEqualTo("GOT:shh");
            }
            EchoClient resetter = EchoClient.connect(quiet.port());
            resetter.roundTrip("GOT:", "x");
            resetter.reset();
            quiet.stop(WAIT);
            assertThat(quiet.log.all()).hasSize(3).startsWith("Listening on ('127.0.0.1', " + quiet.port() + ")")
                    .endsWith("Served 2 connections, echoed 4 bytes");
        }
    }

    @Test
    void stoppingPrintsASummaryOfConnectionsAndBytes() throws Exception {
        try (EchoClient client = EchoClient.connect(server.port())) {
            client.roundTrip("GOT:", "12345");
        }
        try (EchoClient client = EchoClient.connect(server.port())) {
            client.roundTrip("GOT:", "678");
        }
        server.log.awaitCount("Task done", 2, WAIT);
        server.stop(WAIT);
        assertThat(server.log.all()).endsWith("Served 2 connections, echoed 8 bytes");
    }
}
