package weft.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import weft.testing.EchoClient;
import weft.testing.InProcessServer;

/** --max-connections, --idle-timeout and the listen backlog. */
@Timeout(60)
class LimitsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void beyondMaxConnectionsNewClientsAreClosedAtOnceAndOthersAreUnaffected() throws Exception {
        try (InProcessServer server = InProcessServer.start(c -> c.withMaxConnections(2));
             EchoClient first = EchoClient.connect(server.port());
             EchoClient second = EchoClient.connect(server.port())) {
            assertThat(first.roundTrip("GOT:", "1")).isEqualTo("GOT:1");
            assertThat(second.roundTrip("GOT:", "2")).isEqualTo("GOT:2");

            try (EchoClient third = EchoClient.connect(server.port())) {
                assertThat(third.read()).isEqualTo(-1);
            }
            server.log.await(line -> line.startsWith("Connection refused ('127.0.0.1', ")
                    && line.endsWith(": 2 connections open (--max-connections)"), WAIT);
            assertThat(first.roundTrip("GOT:", "still")).isEqualTo("GOT:still");

            first.close();
            server.log.await("Task done", WAIT);
            try (EchoClient fourth = EchoClient.connect(server.port())) {
                assertThat(fourth.roundTrip("GOT:", "4")).isEqualTo("GOT:4");
            }
        }
    }

    @Test
    void idleConnectionIsClosedAfterTheIdleTimeoutWhileABusyOneStaysOpen() throws Exception {
        try (InProcessServer server = InProcessServer.start(c -> c.withIdleTimeout(Duration.ofMillis(400)));
             EchoClient idle = EchoClient.connect(server.port());
             EchoClient busy = EchoClient.connect(server.port())) {
            long start = System.nanoTime();
            for (int i = 0; i < 8; i++) {
                assertThat(busy.roundTrip("GOT:", "tick")).isEqualTo("GOT:tick");
                Thread.sleep(100); // the client's think time: 8 x 100 ms, twice the timeout in all
            }
            assertThat(idle.read()).isEqualTo(-1);
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(400).toNanos());
            server.log.await(line -> line.equals("Connection timed out ('127.0.0.1', " + idle.localPort()
                    + "): no progress for 400 ms waiting to recv"), WAIT);
            assertThat(busy.roundTrip("GOT:", "tock")).isEqualTo("GOT:tock");
        }
    }

    @Test
    void aBurstOfAThousandConnectsIsAcceptedWithoutWaitingOnRetransmits() throws Exception {
        try (InProcessServer server = InProcessServer.start(c -> c.withQuiet(true));
             Selector selector = Selector.open()) {
            List<SocketChannel> clients = new ArrayList<>();
            long start = System.nanoTime();
            try {
                for (int i = 0; i < 1000; i++) {
                    SocketChannel client = SocketChannel.open();
                    client.configureBlocking(false);
                    client.connect(new InetSocketAddress("127.0.0.1", server.port()));
                    client.register(selector, SelectionKey.OP_CONNECT);
                    clients.add(client);
                }
                int connected = 0;
                while (connected < clients.size()) {
                    assertThat(selector.select(WAIT.toMillis())).isPositive();
                    for (SelectionKey key : selector.selectedKeys()) {
                        if (((SocketChannel) key.channel()).finishConnect()) {
                            key.cancel();
                            connected++;
                        }
                    }
                    selector.selectedKeys().clear();
                }
                // A dropped SYN is retried after 1 s: a burst that fits the backlog never waits that long.
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(900));
                for (SocketChannel client : clients.subList(0, 10)) {
                    client.configureBlocking(true);
                    client.write(java.nio.ByteBuffer.wrap("x".getBytes()));
                    java.nio.ByteBuffer reply = java.nio.ByteBuffer.allocate(5);
                    while (reply.hasRemaining() && client.read(reply) >= 0) { }
                    assertThat(new String(reply.array())).isEqualTo("GOT:x");
                }
            } finally {
                for (SocketChannel client : clients) {
                    close(client);
                }
            }
        }
    }

    private static void close(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing everything on the way out
        }
    }
}
