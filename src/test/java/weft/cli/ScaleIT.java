package weft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import weft.testing.EchoClient;
import weft.testing.JarProcess;

/**
 * Scale and file descriptors, against the jar as a real process on a default JVM with default
 * settings: 10,000 clients at once, fds after churn, and running out of fds.
 */
@Timeout(300)
class ScaleIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final byte[] QUESTION = "?".getBytes(StandardCharsets.UTF_8);

    @Test
    void tenThousandSimultaneousConnectionsAreAllServed() throws Exception {
        try (JarProcess server = JarProcess.start("--port", "0")) {
            int port = server.awaitListening();
            long rssBefore = server.residentBytes();
            List<SocketChannel> clients = connectAll(port, 10_000);
            try {
                pingAll(clients);
                long rss = server.residentBytes();
                System.out.printf("10,000 connections: server RSS %d MB (%d MB before), %d fds%n", rss >> 20,
                        rssBefore >> 20, server.openFileDescriptors());
                server.stdout.awaitCount(line -> line.startsWith("Connection from ('127.0.0.1', "), 10_000, WAIT);
            } finally {
                closeAll(clients);
            }
            server.stdout.awaitCount("Task done", 10_000, WAIT);
            assertThat(server.stderr.all()).isEmpty();
        }
    }

    @Test
    void tenThousandConnectCloseCyclesLeaveTheFileDescriptorsAsTheyWere() throws Exception {
        try (JarProcess server = JarProcess.start("--port", "0")) {
            int port = server.awaitListening();
            try (EchoClient warmUp = EchoClient.connect(port)) {
                warmUp.roundTrip("GOT:", "warm");
            }
            int fdsBefore = fdsWithOneClientOpen(server, port);

            for (int i = 0; i < 10_000; i++) {
                try (EchoClient client = EchoClient.connect(port)) {
                    assertThat(client.roundTrip("GOT:", "cycle " + i)).isEqualTo("GOT:cycle " + i);
                }
            }
            server.stdout.awaitCount("Task done", 10_002, WAIT);
            int fdsAfter = fdsWithOneClientOpen(server, port);
            System.out.printf("fds before 10,000 cycles: %d, after: %d (one client connected)%n", fdsBefore, fdsAfter);
            assertThat(fdsAfter).isEqualTo(fdsBefore);
        }
    }

    /**
     * The server's fds while one client is connected and has had its reply. A closed socket's fd
     * is released at the loop's next poll; the loop has polled since every earlier close by the
     * time it answers this client, so the count is settled.
     */
    private static int fdsWithOneClientOpen(JarProcess server, int port) throws Exception {
        try (EchoClient probe = EchoClient.connect(port)) {
            probe.roundTrip("GOT:", "probe");
            return server.openFileDescriptors();
        }
    }

    @Test
    void outOfFileDescriptorsTheServerKeepsServingDoesNotSpinAndAcceptsAgainLater() throws Exception {
        // A hard limit of 256 fds for the server alone: the JVM cannot raise it.
        List<String> lowLimit = List.of("bash", "-c", "ulimit -n 256 && exec \"$0\" \"$@\"");
        try (JarProcess server = JarProcess.startWith(JarProcess.javaBin(System.getProperty("java.home")), lowLimit,
                "--port", "0", "--quiet")) {
            int port = server.awaitListening();
            List<SocketChannel> clients = connectAll(port, 400); // the kernel completes them all
            try {
                server.stdout.await("Accept failed: Too many open files; retrying every 100 ms", WAIT);
                for (SocketChannel client : clients) {
                    client.write(ByteBuffer.wrap(QUESTION));
                }
                List<SocketChannel> served = answered(clients, clients.size(), Duration.ofSeconds(1));
                List<SocketChannel> waiting = new ArrayList<>(clients);
                waiting.removeAll(served);
                System.out.printf("out of fds: %d of 400 clients served, %d waiting in the backlog%n", served.size(),
                        waiting.size());
                assertThat(served).hasSizeBetween(150, 255);
                assertThat(waiting).isNotEmpty();

                long ticks = server.cpuTicks();
                long start = System.nanoTime();
                Thread.sleep(2_000); // measuring CPU use over an interval: the interval is the point
                double cpuShare = (server.cpuTicks() - ticks) / 100.0 / ((System.nanoTime() - start) / 1e9);
                System.out.printf("out of fds: server CPU while blocked on accept: %.1f%% of a core%n", cpuShare * 100);
                assertThat(cpuShare).as("share of a core used while out of fds").isLessThan(0.10);

                for (SocketChannel client : served.subList(0, 100)) {
                    client.close();
                }
                server.stdout.await("Accepting again", WAIT);
                // 100 fds freed: waiting clients get in (at least 50, without racing the last ones).
                assertThat(answered(waiting, 50, Duration.ofSeconds(10))).hasSizeGreaterThanOrEqualTo(50);
                List<SocketChannel> stillServed = served.subList(100, served.size());
                for (SocketChannel client : stillServed) {
                    client.write(ByteBuffer.wrap(QUESTION));
                }
                assertThat(answered(stillServed, stillServed.size(), Duration.ofSeconds(10))).hasSameSizeAs(stillServed);
            } finally {
                closeAll(clients);
            }
        }
    }

    /** Connects n clients with at most 500 connects in flight, so a burst never overflows the backlog. */
    static List<SocketChannel> connectAll(int port, int n) throws IOException {
        List<SocketChannel> clients = new ArrayList<>(n);
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        try (Selector selector = Selector.open()) {
            int connected = 0;
            while (connected < n) {
                while (clients.size() < n && clients.size() - connected < 500) {
                    SocketChannel client = SocketChannel.open();
                    client.configureBlocking(false);
                    client.connect(address);
                    client.register(selector, SelectionKey.OP_CONNECT);
                    clients.add(client);
                }
                if (selector.select(WAIT.toMillis()) == 0) {
                    throw new AssertionError("connects stalled at " + connected + " of " + n);
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    if (((SocketChannel) key.channel()).finishConnect()) {
                        key.cancel();
                        connected++;
                    }
                }
                selector.selectedKeys().clear();
            }
            selector.selectNow(); // deregister the cancelled keys before the channels leave
        }
        return clients;
    }

    /** One round trip on every client at once, each with its own message, every reply checked. */
    static void pingAll(List<SocketChannel> clients) throws IOException {
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < clients.size(); i++) {
                SocketChannel client = clients.get(i);
                client.configureBlocking(false);
                ByteBuffer message = ByteBuffer.wrap(("ping " + i).getBytes(StandardCharsets.UTF_8));
                while (message.hasRemaining()) {
                    client.write(message);
                }
                ByteBuffer expected = ByteBuffer.wrap(("GOT:ping " + i).getBytes(StandardCharsets.UTF_8));
                client.register(selector, SelectionKey.OP_READ, new ByteBuffer[] {expected, ByteBuffer.allocate(expected.capacity())});
            }
            int complete = 0;
            while (complete < clients.size()) {
                if (selector.select(WAIT.toMillis()) == 0) {
                    throw new AssertionError("replies stalled at " + complete + " of " + clients.size());
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    ByteBuffer[] buffers = (ByteBuffer[]) key.attachment();
                    if (((SocketChannel) key.channel()).read(buffers[1]) < 0) {
                        throw new AssertionError("connection closed before its reply");
                    }
                    if (!buffers[1].hasRemaining()) {
                        assertThat(buffers[1].flip()).isEqualTo(buffers[0]);
                        key.cancel();
                        complete++;
                    }
                }
                selector.selectedKeys().clear();
            }
            selector.selectNow();
        }
    }

    /**
     * The clients whose reply to QUESTION ("GOT:?") arrives within the timeout, all waited on at
     * once; returns early once {@code enough} have answered.
     */
    private static List<SocketChannel> answered(List<SocketChannel> clients, int enough, Duration timeout)
            throws IOException {
        List<SocketChannel> answered = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Selector selector = Selector.open()) {
            for (SocketChannel client : clients) {
                client.register(selector, SelectionKey.OP_READ, ByteBuffer.allocate(5));
            }
            while (answered.size() < enough) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0 || selector.select(left) == 0 && System.nanoTime() >= deadline) {
                    break;
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    ByteBuffer reply = (ByteBuffer) key.attachment();
                    if (((SocketChannel) key.channel()).read(reply) < 0) {
                        throw new AssertionError("connection closed instead of answering");
                    }
                    if (!reply.hasRemaining()) {
                        assertThat(new String(reply.array(), StandardCharsets.UTF_8)).isEqualTo("GOT:?");
                        key.cancel();
                        answered.add((SocketChannel) key.channel());
                    }
                }
                selector.selectedKeys().clear();
            }
            selector.selectNow();
        }
        return answered;
    }

    private static void closeAll(List<SocketChannel> clients) {
        for (SocketChannel client : clients) {
            try {
                client.close();
            } catch (IOException ignored) {
                // closing everything on the way out
            }
        }
    }
}
