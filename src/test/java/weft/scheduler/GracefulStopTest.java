package weft.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import weft.testing.ManualClock;

/**
 * requestStop: the stop hooks run on the loop, the tasks left have until the drain deadline,
 * then are cancelled with their finally blocks; run() always returns normally. What to cancel
 * sooner is the stop policy of whoever made the tasks (the echo server's is tested with it).
 */
@Timeout(30)
class GracefulStopTest {
    private final ManualClock clock = new ManualClock();
    private final RecordingEvents events = new RecordingEvents();
    private final Scheduler scheduler = new Scheduler(events, clock);
    private final List<String> trace = new ArrayList<>();

    GracefulStopTest() {
        scheduler.checkInvariantsAfterEachStep();
    }

    @Test
    void stopWhileTasksWaitOnAMailboxCancelsThemWithTheirFinallyBlocksAndRunReturns() {
        Mailbox<String> empty = new Mailbox<>(1);
        Mailbox<String> full = new Mailbox<>(1);
        scheduler.spawn(waiter("getter", Trap.get(empty)));
        scheduler.spawn(waiter("putter", Trap.put(full, "first")));
        scheduler.spawn(waiter("second putter", Trap.put(full, "second")));
        scheduler.runUntilIdle();
        assertThat(scheduler.statistics().waitingOnMailboxes()).isEqualTo(2);

        scheduler.requestStop(Duration.ofSeconds(5));
        scheduler.run();

        assertThat(trace).containsExactly("putter resumed", "putter finally", "getter finally", "second putter finally");
        assertThat(full.size()).isEqualTo(1);
        assertThat(scheduler.statistics().tasks()).isZero();
    }

    @Test
    void stopHooksRunOnTheLoopWhenTheStopBegins() throws Exception {
        List<Thread> hookRanOn = new ArrayList<>();
        scheduler.onStop(() -> hookRanOn.add(Thread.currentThread()));
        scheduler.spawn(waiter("sleeper", Trap.sleep(Duration.ofSeconds(1))));
        scheduler.runUntilIdle();

        Thread stopper = new Thread(() -> scheduler.requestStop(Duration.ofSeconds(5)));
        stopper.start();
        stopper.join(10_000);
        assertThat(hookRanOn).isEmpty();
        scheduler.runOnce(Duration.ZERO);

        assertThat(hookRanOn).containsExactly(Thread.currentThread());
    }

    @Test
    void aTaskThatEndsWithinTheDrainTimeoutEndsNormally() {
        scheduler.spawn(waiter("sleeper", Trap.sleep(Duration.ofSeconds(1))));
        scheduler.runUntilIdle();

        scheduler.requestStop(Duration.ofSeconds(5));
        scheduler.runOnce(Duration.ZERO);
        clock.advance(Duration.ofSeconds(1));
        scheduler.run();

        assertThat(trace).containsExactly("sleeper resumed", "sleeper finally");
        assertThat(events.done).containsExactly("sleeper");
    }

    @Test
    void whatIsLeftAtTheDrainDeadlineIsCancelledWithItsFinallyBlocks() {
        scheduler.spawn(waiter("long sleeper", Trap.sleep(Duration.ofSeconds(60))));
        scheduler.runUntilIdle();

        scheduler.requestStop(Duration.ofSeconds(2));
        scheduler.runOnce(Duration.ZERO);
        clock.advance(Duration.ofMillis(1999));
        scheduler.runOnce(Duration.ZERO);
        assertThat(trace).as("before the deadline").isEmpty();

        clock.advance(Duration.ofMillis(1));
        scheduler.runOnce(Duration.ZERO);
        assertThat(trace).containsExactly("long sleeper finally");
        assertThat(scheduler.statistics().tasks()).isZero();
        assertThat(events.done).isEmpty();
    }

    @Test
    void aTaskWaitingForAResponseIsNotCancelledBecauseAPollFoundNoInputForIt() throws Exception {
        try (Loopback loopback = new Loopback(scheduler); Loopback.Pair pair = loopback.connect()) {
            scheduler.spawn(waiter("client waiting for a response", Trap.recv(pair.server())));
            scheduler.runUntilIdle();

            scheduler.requestStop(Duration.ofSeconds(5));
            for (int i = 0; i < 3; i++) {
                scheduler.runOnce(Duration.ZERO);
            }
            assertThat(trace).isEmpty();

            pair.clientSends("response");
            scheduler.run();
            assertThat(trace).containsExactly("client waiting for a response resumed",
                    "client waiting for a response finally");
        }
    }

    @Test
    void aReplyInFlightFinishesWithinTheDrainTimeout() throws Exception {
        try (Loopback loopback = new Loopback(scheduler); Loopback.Pair pair = loopback.connect()) {
            ByteBuffer reply = ByteBuffer.allocateDirect(8 << 20);
            scheduler.spawn(new Task<>("replier", self -> {
                try {
                    while (reply.hasRemaining()) {
                        self.yield(Trap.send(pair.server()));
                        pair.server().send(reply);
                    }
                    trace.add("reply sent");
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
    void stopFromAnotherThreadWakesALoopBlockedInItsPoll() throws Exception {
        try (Loopback loopback = new Loopback(scheduler); Loopback.Pair pair = loopback.connect()) {
            scheduler.spawn(waiter("idle", Trap.recv(pair.server())));
            CountDownLatch polling = new CountDownLatch(1);
            Thread stopper = new Thread(() -> {
                try {
                    polling.await(10, TimeUnit.SECONDS);
                    Thread.sleep(50); // let the loop block in its poll, if it is going to
                } catch (InterruptedException e) {
                    return;
                }
                scheduler.requestStop(Duration.ZERO);
            });
            stopper.start();
            scheduler.runUntilIdle();
            polling.countDown();
            scheduler.run(); // blocks in the poll until the stop wakes it

            assertThat(trace).containsExactly("idle finally");
        }
    }

    private Task<?> waiter(String name, Trap trap) {
        return new Task<>(name, self -> {
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
                    int read = pair.client().read(sink.clear());
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
