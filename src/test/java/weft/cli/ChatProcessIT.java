package weft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import weft.testing.ChatClient;
import weft.testing.JarProcess;

/** {@code java -jar target/weft.jar chat} as a real process: many clients, a slow one, a long line, a stop. */
@Timeout(120)
class ChatProcessIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int CLIENTS = 20;
    private static final int LINES = 25;

    @Test
    void manyClientsEachGetEveryOtherClientsLinesInSendersOrder() throws Exception {
        try (JarProcess server = JarProcess.start("chat", "--port", "0", "--host", "127.0.0.1")) {
            int port = server.awaitListening();
            List<ChatClient> room = new ArrayList<>();
            try {
                for (int i = 0; i < CLIENTS; i++) {
                    ChatClient newcomer = ChatClient.connect(port);
                    for (ChatClient earlier : room) {
                        assertThat(earlier.readLine()).isEqualTo("* " + newcomer.name() + " joined");
                    }
                    room.add(newcomer);
                }
                ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
                List<Future<Map<String, List<String>>>> heard = new ArrayList<>();
                for (ChatClient client : room) {
                    heard.add(pool.submit(() -> {
                        for (int i = 0; i < LINES; i++) {
                            client.send("line " + i + " from " + client.name() + "\n");
                        }
                        Map<String, List<String>> bySender = new HashMap<>();
                        for (int n = 0; n < (CLIENTS - 1) * LINES; n++) {
                            String line = client.readLine();
                            String sender = line.substring(0, line.indexOf(": "));
                            bySender.computeIfAbsent(sender, s -> new ArrayList<>()).add(line);
                        }
                        return bySender;
                    }));
                }
                for (int c = 0; c < CLIENTS; c++) {
                    Map<String, List<String>> bySender = heard.get(c).get(60, TimeUnit.SECONDS);
                    assertThat(bySender).hasSize(CLIENTS - 1).doesNotContainKey(room.get(c).name());
                    bySender.forEach((sender, lines) -> {
                        List<String> expected = new ArrayList<>();
                        for (int i = 0; i < LINES; i++) {
                            expected.add(sender + ": line " + i + " from " + sender);
                        }
                        assertThat(lines).isEqualTo(expected);
                    });
                }
                pool.shutdown();
            } finally {
                for (ChatClient client : room) {
                    client.close();
                }
            }
            server.stdout.awaitCount("Connection closed", CLIENTS, WAIT);
            assertThat(server.stdout.count(line -> line.startsWith("Connection from ('127.0.0.1', "))).isEqualTo(CLIENTS);
            assertThat(server.stderr.all()).isEmpty();
        }
    }

    @Test
    void aClientThatDoesNotReadIsCutOffWhileTheOthersGetEveryLine() throws Exception {
        try (JarProcess server = JarProcess.start("chat", "--port", "0", "--quiet");
             ChatClient sender = ChatClient.connect(server.awaitListening());
             ChatClient fast = ChatClient.connect(server.awaitListening())) {
            assertThat(sender.readLine()).isEqualTo("* " + fast.name() + " joined");
            try (ChatClient slow = ChatClient.connect(server.awaitListening(), 4096)) {
                assertThat(sender.readLine()).isEqualTo("* " + slow.name() + " joined");
                assertThat(fast.readLine()).isEqualTo("* " + slow.name() + " joined");
                String payload = "s".repeat(4000);
                int sent = 0;
                String line;
                while (true) { // lock step with the fast reader: only the slow one falls behind
                    sender.send(sent + payload + "\n");
                    line = fast.readLine();
                    if (!line.startsWith(sender.name() + ": ") || ++sent == 20_000) {
                        break;
                    }
                    assertThat(line).isEqualTo(sender.name() + ": " + (sent - 1) + payload);
                }
                assertThat(line).isEqualTo("* " + slow.name() + " left");
                assertThat(fast.readLine()).as("the line sent as it was cut off").isEqualTo(sender.name() + ": " + sent + payload);
                assertThat(sent).isGreaterThan(1024);
                sender.send("after\n");
                assertThat(fast.readLine()).isEqualTo(sender.name() + ": after");
            }
        }
    }

    @Test
    void aLineLongerThan4096BytesGetsANoticeAndClosesItsSender() throws Exception {
        try (JarProcess server = JarProcess.start("chat", "--port", "0");
             ChatClient a = ChatClient.connect(server.awaitListening());
             ChatClient b = ChatClient.connect(server.awaitListening())) {
            assertThat(a.readLine()).isEqualTo("* " + b.name() + " joined");
            b.send("z".repeat(5000) + "\n");
            assertThat(b.readLine()).isEqualTo("* line too long");
            assertThat(b.readLine()).isNull();
            assertThat(a.readLine()).isEqualTo("* " + b.name() + " left");
        }
    }

    @Test
    void sigtermDeliversWhatWasAcceptedClosesEveryoneAndExitsZeroWithASummary() throws Exception {
        try (JarProcess server = JarProcess.start("chat", "--port", "0", "--drain-timeout", "10")) {
            int port = server.awaitListening();
            try (ChatClient a = ChatClient.connect(port);
                 ChatClient b = ChatClient.connect(port, 4096);
                 ChatClient witness = ChatClient.connect(port)) {
                assertThat(a.readLine()).isEqualTo("* " + b.name() + " joined");
                assertThat(a.readLine()).isEqualTo("* " + witness.name() + " joined");
                assertThat(b.readLine()).isEqualTo("* " + witness.name() + " joined");
                String payload = "t".repeat(4000);
                for (int i = 0; i < 1000; i++) {
                    a.send(i + payload + "\n");
                }
                for (int i = 0; i < 1000; i++) {
                    assertThat(witness.readLine()).isEqualTo(a.name() + ": " + i + payload);
                }
                server.signal("TERM"); // b has read nothing: most of its lines wait in the server
                for (int i = 0; i < 1000; i++) {
                    assertThat(b.readLine()).isEqualTo(a.name() + ": " + i + payload);
                }
                assertThat(b.readLine()).isNull();
                assertThat(a.readLine()).isNull();
                assertThat(witness.readLine()).isNull();
            }
            assertThat(server.waitFor(WAIT)).isZero();
            assertThat(server.stdout.all()).last().isEqualTo("Served 3 connections, relayed 1000 lines");
            assertThat(server.stderr.all()).isEmpty();
        }
    }

    @Test
    void portAlreadyInUseIsOneLineAndExitCodeOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0);
             JarProcess server = JarProcess.start("chat", "--port", Integer.toString(taken.getLocalPort()))) {
            assertThat(server.waitFor(WAIT)).isEqualTo(1);
            assertThat(server.stderr.all()).containsExactly("weft: port " + taken.getLocalPort() + " is already in use");
            assertThat(server.stdout.all()).isEmpty();
        }
    }

    @Test
    void listensOnAllInterfacesAndPrintsTheStartupLineLikeTheEchoServer() throws Exception {
        try (JarProcess server = JarProcess.start("chat", "--port", "0", "--quiet")) {
            int port = server.awaitListening();
            assertThat(server.stdout.all()).startsWith("Listening on ('::', " + port + ", 0, 0)");
            server.signal("INT");
            assertThat(server.waitFor(WAIT)).isZero();
            assertThat(server.stdout.all()).last().isEqualTo("Served 0 connections, relayed 0 lines");
        }
    }
}
