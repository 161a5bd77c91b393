package weft.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import weft.testing.EchoClient;
import weft.testing.InProcessServer;
import weft.testing.ReplyStream;

/**
 * The echo server's stop policy: no new connections; a handler waiting for input ends at once;
 * what a client has sent already is answered in full; the loop then ends by itself, long before
 * the drain deadline.
 */
@Timeout(60)
class StopPolicyTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration LONG_DRAIN = Duration.ofSeconds(40);

    @Test
    void idleClientsAreClosedAtOnceAndWhatOthersSentIsAnsweredThenTheLoopEndsByItself() throws Exception {
        try (InProcessServer server = InProcessServer.start(config -> config.withDrainTimeout(LONG_DRAIN));
             EchoClient idle = EchoClient.connect(server.port());
             EchoClient busy = EchoClient.connect(server.port())) {
            assertThat(idle.roundTrip("GOT:", "hello")).isEqualTo("GOT:hello");
            byte[] data = ReplyStream.data(1 << 20, "GOT:");
            busy.send(data); // not reading yet: the server is left with replies to finish

            server.server().stop();

            assertThat(idle.read()).as("the idle client sees the connection close").isEqualTo(-1);
            ReplyStream.assertEchoes("GOT:", data, busy.readToEnd());
            server.awaitEnd(WAIT); // far less than the drain timeout: nothing was left to cancel
            assertThat(server.log.all()).endsWith("Served 2 connections, echoed " + (data.length + 5) + " bytes");
        }
    }

    @Test
    void noNewConnectionIsAcceptedOnceTheStopBegins() throws Exception {
        try (InProcessServer server = InProcessServer.start(config -> config.withDrainTimeout(LONG_DRAIN));
             EchoClient busy = EchoClient.connect(server.port())) {
            assertThat(busy.roundTrip("GOT:", "1")).isEqualTo("GOT:1");
            int port = server.port();

            server.server().stop();
            server.awaitEnd(WAIT);

            assertThat(busy.read()).isEqualTo(-1);
            assertThat(connectionRefused(port)).as("the listener is closed").isTrue();
        }
    }

    private static boolean connectionRefused(int port) {
        try (EchoClient late = EchoClient.connect(port)) {
            return late.read() == -1;
        } catch (java.io.IOException refused) {
            return true;
        }
    }
}
