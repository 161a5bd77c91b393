package weft.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** requestStop: stop accepting, let work in flight finish up to the drain deadline, cancel the rest. */
@Timeout(30)
class GracefulStopTest {
    private final RecordingEvents events = new RecordingEvents();
    private final Scheduler scheduler = new Scheduler(events);

    @Test
    void stopCancelsAcceptorsAndIdleReadersAtOnceRunningTheirFinallyBlocks() throws Exception {
        try (Loopback loopback = new Loopback(scheduler); Loopback.Pair pair = loopback.connect()) {
            List<String> trace = new ArrayList<>();
            scheduler.spawn(waiter("acceptor", Trap.recv(loopback.listener), trace));
            scheduler.spawn(waiter("idle reader", Trap.recv(pair.server()), trace));
            scheduler.runUntilIdle();

            long start = System.nanoTime();
            scheduler.requestStop(Duration.ofSeconds(5));
            scheduler.run();

            assertThat(trace).containsExactlyInAnyOrder("acceptor finally", "idle reader finally");
            assertThat(System.nanoTime() - start).isLessThan(Duration.ofSeconds(4).toNanos());
            assertThat(scheduler.statistics().tasks()).isZero();
        }
    }

    @Test
    void stopLetsAReplyInFlightFinishWithinTheDrainTimeout() throws Exception {
        try (Loopback loopback = new Loopback(scheduler); Loopback.Pair pair = loopback.connect()) {
            ByteBuffer reply = ByteBuffer.allocateDirect(8 << 20);
            List<String> trace = new ArrayList<>();
            scheduler.spawn(new Task("replier", self -> {
                try {
                    while (reply.hasRemaining()) {
                        self.yield(Trap.send(pair.server()));
                        pair.server().send(reply);
                    }
                    trace.add("reply sent");
                    self.yield(Trap.recv(pair.server())); // now idle: cancelled by the drain
                } finally {
                    trace.add("replier finally");
                }
                return null;
            }));
            scheduler.runUntilIdle();
            assertThat(scheduler.statistics().waitingToSend()).isEqualTo(1);

            scheduler.requestStop(Duration.ofSeconds(20));
            Thread reader = drainInBackground(pair, reply.capacity());
            scheduler.run();
            reader.join(10_000);

            assertThat(trace).containsExactly("reply sent", "replier finally");
        }
    }

    @Test
    void whatIsStillInFlightAtTheDrainDeadlineIsCancelled() throws Exception {
        try (Loopback loopback = new Loopback(scheduler); Loopback.Pair pair = loopback.connect()) {
            ByteBuffer reply = ByteBuffer.allocateDirect(16 << 20); // the client never reads it
            List<String> trace = new ArrayList<>();
            scheduler.spawn(new Task("stuck replier", self -> {
                try {
                    while (reply.hasRemaining()) {
                        self.yield(Trap.send(pair.server()));
                        pair.server().send(reply);
                    }
                } finally {
                    trace.add("cancelled with " + reply.remaining() + " bytes unsent");
                }
                return null;
            }));
            scheduler.runUntilIdle();

            long start = System.nanoTime();
            scheduler.requestStop(Duration.ofMillis(200));
            scheduler.run();

            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(200).toNanos());
            assertThat(trace).singleElement().asString().startsWith("cancelled with ").doesNotContain("with 0 bytes");
        }
    }

    private static Task waiter(String name, Trap trap, List<String> trace) {
        return new Task(name, self -> {
            try {
                self.yield(trap);
                trace.add(name + " resumed");
            } finally {
                trace.add(name + " finally");
            }
            return null;
        });
    }

    private static Thread drainInBackground(Loopback.Pair pair, int length) {
        Thread reader = new Thread(() -> {
            ByteBuffer sink = ByteBuffer.allocate(1 << 20);
            long total = 0;
            try {
                while (total < length) {
                    sink.clear();
                    int read = pair.client().read(sink);
                    if (read < 0) {
                        return;
                    }
                    total += read;
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        reader.setDaemon(true);
        reader.start();
        return reader;
    }
}
