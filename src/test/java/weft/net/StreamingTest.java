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
import weft.testing.ReplyStream;
import weft.testing.Turns;

/**
 * A client that streams: reads come back full, the handler reads on without polling, and
 * Nagle's algorithm coalesces the replies; when the client pauses, TCP_NODELAY is back on, which
 * flushes what Nagle held. Driven turn by turn on the test thread.
 */
@Timeout(60)
class StreamingTest {

    @Test
    void streamTurnsNagleOnAndThePauseTurnsItOffAgainWithEveryReplyDelivered() throws Exception {
        BufferPool buffers = new BufferPool(TcpSocket.HEADROOM + EchoHandler.MAX_CHUNK, 8);
        ServerStats stats = new ServerStats();
        try (Scheduler scheduler = new Scheduler(TaskEvents.SILENT);
             TcpListener listener = TcpListener.bind(new InetSocketAddress("127.0.0.1", 0), 16, buffers);
             SocketChannel client = SocketChannel.open(listener.localAddress())) {
            TcpSocket server = Turns.acceptOne(scheduler, listener);
            scheduler.spawn(new EchoHandler(server, new HandlerContext("GOT:".getBytes(), stats, new ServerLog(System.out, true), () -> false)));
            scheduler.runUntilIdle();
            assertThat(server.noDelay()).as("replies go out at once to begin with").isTrue();

            byte[] stream = ReplyStream.data(40_000, "GOT:"); // 40 full chunks, there before the first read
            client.write(ByteBuffer.wrap(stream));
            scheduler.runOnce(Duration.ofSeconds(5));
            assertThat(stats.bytesEchoed()).as("one turn reads on, 16 chunks, without polling").isEqualTo(16_000);
            assertThat(server.noDelay()).as("streaming: Nagle on").isFalse();

            Turns.runUntil(scheduler, () -> scheduler.statistics().waitingToRecv() == 1);
            assertThat(stats.bytesEchoed()).isEqualTo(stream.length);
            assertThat(server.noDelay()).as("paused: Nagle off again, the held replies flushed").isTrue();

            client.configureBlocking(false);
            ByteBuffer replies = ByteBuffer.allocate(stream.length + 40 * 4);
            Turns.runUntil(scheduler, () -> read(client, replies) && !replies.hasRemaining());
            ReplyStream.assertEchoes("GOT:", stream, replies.array());
        }
    }


    private static boolean read(SocketChannel client, ByteBuffer into) {
        try {
            return client.read(into) >= 0;
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

}
