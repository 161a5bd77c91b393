package weft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import weft.testing.EchoClient;
import weft.testing.JarProcess;
import weft.testing.ReplyStream;

/** {@code java -jar target/weft.jar} as a real process: replies, the seed's log lines, signals, exit codes. */
@Timeout(120)
class ServerProcessIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void helloGetsGotHelloLikeTheSeedWithNc() throws Exception {
        int free;
        try (ServerSocket probe = new ServerSocket(0)) {
            free = probe.getLocalPort();
        }
        try (JarProcess server = JarProcess.start("--port", Integer.toString(free))) {
            int port = server.awaitListening();
            assertThat(port).isEqualTo(free);
            try (EchoClient client = EchoClient.connect(port)) {
                assertThat(client.roundTrip("GOT:", "Hello\n")).isEqualTo("GOT:Hello\n");
            }
            server.stdout.await("Task done", WAIT);
            assertThat(server.stdout.all()).startsWith("Listening on ('::', " + port + ", 0, 0)");
        }
    }

    @Test
    void severalConcurrentClientsGetExactRepliesAndTheSeedsLogLines() throws Exception {
        try (JarProcess server = JarProcess.start("--port", "0")) {
            int port = server.awaitListening();
            ExecutorService pool = Executors.newFixedThreadPool(10);
            List<Future<Integer>> clients = new ArrayList<>();
            for (int c = 0; c < 10; c++) {
                int id = c;
                clients.add(pool.submit(() -> {
                    try (EchoClient client = EchoClient.connect(port)) {
                        for (int i = 0; i < 50; i++) {
                            String message = "client " + id + " says " + i + "\n";
                            assertThat(client.roundTrip("GOT:", message)).isEqualTo("GOT:" + message);
                        }
                        return client.localPort();
                    }
                }));
            }
            List<String> expectedFrom = new ArrayList<>();
            for (Future<Integer> client : clients) {
                expectedFrom.add("Connection from ('127.0.0.1', " + client.get(60, TimeUnit.SECONDS) + ")");
            }
            pool.shutdown();

            server.stdout.awaitCount("Task done", 10, WAIT);
            assertThat(server.stdout.all()).containsAll(expectedFrom);
            assertThat(server.stdout.count("Connection closed")).isEqualTo(10);
            assertThat(server.stderr.all()).isEmpty();
        }
    }

    @Test
    void sigtermStopsAcceptingDrainsAndExitsZeroWithASummary() throws Exception {
        try (JarProcess server = JarProcess.start("--port", "0")) {
            int port = server.awaitListening();
            try (EchoClient client = EchoClient.connect(port)) {
                assertThat(client.roundTrip("GOT:", "12345")).isEqualTo("GOT:12345");
                server.signal("TERM");
                assertThat(client.read()).as("the idle connection is closed").isEqualTo(-1);
            }
            assertThat(server.waitFor(WAIT)).isZero();
            assertThat(server.stdout.all()).endsWith("Served 1 connections, echoed 5 bytes");
            assertThat(server.stderr.all()).isEmpty();
        }
    }

    @Test
    void sigintStopsItTooWithExitCodeZero() throws Exception {
        try (JarProcess server = JarProcess.start("--port", "0", "--quiet")) {
            server.awaitListening();
            server.signal("INT");
            assertThat(server.waitFor(WAIT)).isZero();
            assertThat(server.stdout.all()).endsWith("Served 0 connections, echoed 0 bytes");
        }
    }

    @Test
    void repliesInFlightAtShutdownAreFinishedBeforeTheConnectionCloses() throws Exception {
        try (JarProcess server = JarProcess.start("--port", "0", "--quiet", "--drain-timeout", "20")) {
            int port = server.awaitListening();
            byte[] data = ReplyStream.data(1 << 20, "GOT:");
            try (EchoClient client = EchoClient.connect(port)) {
                client.send(data); // not reading yet: the server is left with replies to finish
                server.signal("TERM");
                byte[] replies = client.readToEnd();
                ReplyStream.assertEchoes("GOT:", data, replies);
            }
            assertThat(server.waitFor(WAIT)).isZero();
            assertThat(server.stdout.all()).endsWith("Served 1 connections, echoed " + data.length + " bytes");
        }
    }

    @Test
    void portAlreadyInUseIsOneLineAndExitCodeOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0);
             JarProcess server = JarProcess.start("--port", Integer.toString(taken.getLocalPort()))) {
            assertThat(server.waitFor(WAIT)).isEqualTo(1);
            assertThat(server.stderr.all()).containsExactly("weft: port " + taken.getLocalPort() + " is already in use");
            assertThat(server.stdout.all()).isEmpty();
        }
    }

    @Test
    void serverBindsTheHostItIsGiven() throws Exception {
        try (JarProcess server = JarProcess.start("--port", "0", "--host", "127.0.0.1")) {
            int port = server.awaitListening();
            assertThat(server.stdout.all()).startsWith("Listening on ('127.0.0.1', " + port + ")");
            try (EchoClient client = EchoClient.connect(port)) {
                assertThat(client.roundTrip("GOT:", "x")).isEqualTo("GOT:x");
            }
        }
    }

    @Test
    void prefixOptionChangesTheReplyAndMayBeEmpty() throws Exception {
        try (JarProcess server = JarProcess.start("--port", "0", "--prefix", "")) {
            int port = server.awaitListening();
            try (EchoClient client = EchoClient.connect(port)) {
                assertThat(client.roundTrip("", "pure echo")).isEqualTo("pure echo");
            }
        }
    }
}
