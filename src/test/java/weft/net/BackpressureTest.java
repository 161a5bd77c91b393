package weft.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import weft.scheduler.Scheduler;
import weft.scheduler.TaskEvents;
import weft.testing.Turns;

/**
 * A client that sends without reading: the handler finishes each reply before it reads again,
 * so it holds at most one pending reply and stops reading, and the rest of the client's data
 * waits in the kernel. Driven turn by turn on the test thread, so the loop's state can be read.
 */
@Timeout(60)
class BackpressureTest {

    @Test
    void clientThatNeverReadsCostsTheServerAtMostOnePendingReply() throws Exception {
        BufferPool buffers = new BufferPool(TcpSocket.HEADROOM + EchoHandler.MAX_CHUNK, 8);
        ServerStats stats = new ServerStats();
        try (Scheduler scheduler = new Scheduler(TaskEvents.SILENT);
             TcpListener listener = TcpListener.bind(new InetSocketAddress("127.0.0.1", 0), 16, buffers);
             SocketChannel client = SocketChannel.open(listener.localAddress())) {
            scheduler.spawn(new EchoHandler(Turns.acceptOne(scheduler, listener), new HandlerContext("GOT:".getBytes(), stats,
                    new ServerLog(System.out, true), () -> false)));

            // Write until the kernel takes no more and the handler is stuck with a reply, turning the loop.
            client.configureBlocking(false);
            ByteBuffer flood = ByteBuffer.allocateDirect(1 << 20);
            long sent = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (true) {
                assertThat(System.nanoTime()).as("the handler never got stuck").isLessThan(deadline);
                flood.clear();
                int written = client.write(flood);
                sent += written;
                scheduler.runOnce(Duration.ofMillis(5));
                if (written == 0 && scheduler.statistics().waitingToSend() == 1) {
                    break;
                }
            }
            long echoedWhenStuck = stats.bytesEchoed();
            for (int turn = 0; turn < 50; turn++) {
                scheduler.runOnce(Duration.ofMillis(1));
            }

            Scheduler.Statistics state = scheduler.statistics();
            assertThat(state.waitingToSend()).as("the handler waits to finish its reply").isEqualTo(1);
            assertThat(state.waitingToRecv()).as("and reads nothing meanwhile").isZero();
            assertThat(buffers.lent()).as("buffers held by the server").isEqualTo(1);
            assertThat(stats.bytesEchoed()).as("no more read while the reply waits").isEqualTo(echoedWhenStuck)
                    .isLessThan(sent);
        }
    }

}
