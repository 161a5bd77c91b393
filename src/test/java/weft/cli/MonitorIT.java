package weft.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import weft.testing.EchoClient;
import weft.testing.JarProcess;

/**
 * The task monitor, as processes: {@code weft --monitor} with three clients (one idle, one with a
 * reply half written to it because it does not read, one gone), and {@code weft monitor} through
 * a pipe. ps shows each in its state, where gives the exact line of each wait, cancel ends one
 * task and only that one, and the monitor never listens beyond loopback.
 */
@Timeout(120)
class MonitorIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern MONITOR = Pattern.compile("Monitor listening on \\('127\\.0\\.0\\.1', (\\d+)\\)");
    private static final Pattern PS_ROW = Pattern.compile("(\\d+)\\s+(\\w+)\\s+([\\d.]+)\\s+(\\d+)\\s+(.+)");

    @Test
    void psWhereAndCancelSeeEachClientsTaskWhereItWaits() throws Exception {
        try (JarProcess server = JarProcess.start("--port", "0", "--monitor=0")) {
            int port = server.awaitListening();
            int monitorPort = monitorPort(server);
            EchoClient quiet = EchoClient.connect(port);
            assertThat(quiet.roundTrip("GOT:", "hi")).isEqualTo("GOT:hi");
            EchoClient flooder = EchoClient.connect(port);
            Thread flood = floodWithoutReading(flooder);
            EchoClient gone = EchoClient.connect(port);
            assertThat(gone.roundTrip("GOT:", "bye")).isEqualTo("GOT:bye");
            gone.close();
            server.stdout.await("Task done", WAIT);

            try (Session monitor = new Session(monitorPort)) {
                String quietName = "echo_handler('127.0.0.1', " + quiet.localPort() + ")";
                String flooderName = "echo_handler('127.0.0.1', " + flooder.localPort() + ")";
                List<String> ps = monitor.awaitPs(rows -> state(rows, flooderName).equals("SEND"));
                assertThat(ps.get(0)).matches("ID\\s+STATE\\s+SECONDS\\s+CYCLES\\s+NAME");
                assertThat(state(ps, quietName)).isEqualTo("RECV");
                assertThat(state(ps, "tcp_server('::', " + port + ", 0, 0)")).isEqualTo("RECV");
                assertThat(state(ps, "monitor('127.0.0.1', " + monitorPort + ")")).isEqualTo("RUNNING");
                assertThat(ps).noneMatch(row -> row.contains("', " + gone.localPort() + ")"));

                assertThat(monitor.ask("where " + id(ps, quietName)))
                        .contains("at weft.net.EchoHandler.body(EchoHandler.java:" + line("Trap.recv(client)") + ")");
                assertThat(monitor.ask("where " + id(ps, flooderName)))
                        .contains("at weft.net.EchoHandler.body(EchoHandler.java:" + line("Trap.send(client)") + ")");

                assertThat(monitor.ask("cancel " + id(ps, quietName))).singleElement().asString()
                        .isEqualTo("cancelled task " + id(ps, quietName) + ": " + quietName);
                assertThat(quiet.read()).as("the cancelled client sees the connection close").isEqualTo(-1);
                List<String> after = monitor.ask("ps");
                assertThat(after).noneMatch(row -> row.endsWith(quietName));
                assertThat(state(after, flooderName)).as("the other client's task goes on").isEqualTo("SEND");

                assertThat(monitor.ask("where 99999")).containsExactly("no task 99999");
                assertThat(monitor.ask("frobnicate")).containsExactly("unknown command 'frobnicate'; help lists the commands");
                assertThat(monitor.ask("stats")).contains("connections open 1", "connections served 3");
            }
            flooder.reset();
            flood.join(10_000);
            server.signal("TERM");
            assertThat(server.waitFor(WAIT)).isZero();
        }
    }

    @Test
    void theChatServerHasTheMonitorTooAndShowsWhereAClientsReaderWaits() throws Exception {
        try (JarProcess server = JarProcess.start("chat", "--port", "0", "--monitor=0")) {
            int port = server.awaitListening();
            int monitorPort = monitorPort(server);
            try (EchoClient member = EchoClient.connect(port); Session monitor = new Session(monitorPort)) {
                server.stdout.await(line -> line.startsWith("Connection from"), WAIT);
                List<String> ps = monitor.awaitPs(rows -> rows.stream().anyMatch(row -> row.matches(".*RECV.*reader.*")));
                String reader = ps.stream().filter(row -> row.matches(".*RECV.*reader.*")).findFirst().orElseThrow();
                Matcher row = PS_ROW.matcher(reader);
                assertThat(row.matches()).isTrue();
                assertThat(monitor.ask("where " + row.group(1))).anyMatch(frame -> frame.startsWith("at weft.chat.ChatReader."));
                assertThat(monitor.ask("stats")).contains("connections open 1", "connections served 1");
            }
            server.signal("TERM");
            assertThat(server.waitFor(WAIT)).isZero();
        }
    }

    @Test
    void theMonitorClientReadsCommandsFromAPipeAndEndsAtTheEndOfItsInput() throws Exception {
        try (JarProcess server = JarProcess.start("--port", "0", "--monitor=0", "--quiet")) {
            server.awaitListening();
            int monitorPort = monitorPort(server);
            JarProcess.Output output = JarProcess.runWithInput(java(), "ps\nstats\n", "monitor", "--port",
                    Integer.toString(monitorPort));
            String text = new String(output.stdout(), UTF_8);
            assertThat(output.exitCode()).isZero();
            assertThat(text).startsWith("ID    STATE").contains("tcp_server(", "monitor(", "waiting to recv 1");
            assertThat(output.stderr()).isEmpty();
        }
    }

    @Test
    void theMonitorClientSaysInOneLineWhenNothingListens() throws Exception {
        int free;
        try (ServerSocket probe = new ServerSocket(0)) {
            free = probe.getLocalPort();
        }
        JarProcess.Output output = JarProcess.runWithInput(java(), "ps\n", "monitor", "--port", Integer.toString(free));
        assertThat(output.exitCode()).isEqualTo(1);
        assertThat(new String(output.stderr(), UTF_8)).isEqualTo(
                "weft: nothing listens on 127.0.0.1:" + free + " (start the server with --monitor=" + free + ")\n");
    }

    @Test
    void theMonitorListensOnLoopbackOnlyAndAnAddressForItIsRefused() throws Exception {
        JarProcess.Output refused = JarProcess.run(java(), "--port", "0", "--monitor=0.0.0.0:48802");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(new String(refused.stderr(), UTF_8).lines().findFirst()).hasValue(
                "weft: Invalid value for option '--monitor': '0.0.0.0:48802': the monitor listens on 127.0.0.1 only; give a port");

        try (JarProcess server = JarProcess.start("--port", "0", "--host", "0.0.0.0", "--monitor=0")) {
            server.awaitListening();
            assertThat(server.stdout.await(line -> line.startsWith("Monitor listening on"), WAIT))
                    .startsWith("Monitor listening on ('127.0.0.1', ");
        }
    }

    @Test
    void aClientSendingAMegabyteLineIsClosedAndTheServerGoesOn() throws Exception {
        try (JarProcess server = JarProcess.start("--port", "0", "--monitor=0", "--quiet")) {
            int port = server.awaitListening();
            int monitorPort = monitorPort(server);
            try (Socket garbage = new Socket("127.0.0.1", monitorPort)) {
                OutputStream out = garbage.getOutputStream();
                byte[] junk = new byte[1 << 20];
                java.util.Arrays.fill(junk, (byte) 0x7f);
                try {
                    out.write(junk);
                } catch (IOException closedWhileWriting) {
                    // the monitor may close before it has all of it
                }
                BufferedReader in = new BufferedReader(new InputStreamReader(garbage.getInputStream(), UTF_8));
                assertThat(in.readLine()).isEqualTo("error: line longer than 4096 bytes; closing");
            }
            try (EchoClient client = EchoClient.connect(port); Session monitor = new Session(monitorPort)) {
                assertThat(client.roundTrip("GOT:", "still here")).isEqualTo("GOT:still here");
                assertThat(monitor.ask("ps").get(0)).startsWith("ID");
            }
        }
    }

    /** One monitor session over a plain socket: a command, then the answer's lines up to the empty line. */
    private static final class Session implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;

        Session(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout((int) WAIT.toMillis());
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8));
        }

        List<String> ask(String command) throws IOException {
            socket.getOutputStream().write((command + "\n").getBytes(UTF_8));
            List<String> lines = new ArrayList<>();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                lines.add(line);
            }
            return lines;
        }

        /** Asks ps until {@code ready} holds, for at most 20 s. */
        List<String> awaitPs(java.util.function.Predicate<List<String>> ready) throws IOException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            List<String> ps = ask("ps");
            while (!ready.test(ps)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("ps never showed what was awaited: " + ps);
                }
                ps = ask("ps");
            }
            return ps;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static Thread floodWithoutReading(EchoClient client) {
        Thread flood = new Thread(() -> {
            byte[] chunk = new byte[1 << 16];
            try {
                for (int i = 0; i < 4096; i++) { // 256 MB at most: far more than the socket buffers hold
                    client.send(chunk);
                }
            } catch (IOException reset) {
                // the test resets the connection when done
            }
        });
        flood.setDaemon(true);
        flood.start();
        return flood;
    }

    private static int monitorPort(JarProcess server) throws InterruptedException {
        Matcher matcher = MONITOR.matcher(server.stdout.await(line -> MONITOR.matcher(line).matches(), WAIT));
        matcher.matches();
        return Integer.parseInt(matcher.group(1));
    }

    private static String state(List<String> ps, String name) {
        return row(ps, name).group(2);
    }

    private static int id(List<String> ps, String name) {
        return Integer.parseInt(row(ps, name).group(1));
    }

    private static Matcher row(List<String> ps, String name) {
        for (String line : ps) {
            Matcher matcher = PS_ROW.matcher(line);
            if (matcher.matches() && matcher.group(5).equals(name)) {
                return matcher;
            }
        }
        throw new AssertionError("no task " + name + " in " + ps);
    }

    /** The line of EchoHandler.java that waits with {@code trap}. */
    private static int line(String trap) throws IOException {
        List<String> source = Files.readAllLines(Path.of("src/main/java/weft/net/EchoHandler.java"));
        for (int i = 0; i < source.size(); i++) {
            if (source.get(i).contains("this.yield(" + trap + ")")) {
                return i + 1;
            }
        }
        throw new AssertionError("EchoHandler.java has no this.yield(" + trap + ")");
    }

    private static String java() {
        return JarProcess.javaBin(System.getProperty("java.home"));
    }
}
