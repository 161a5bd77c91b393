package weft.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import weft.generator.Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import weft.testing.ManualClock;

/** The sleep trap and the timeouts of waits, from the timer queue, on a clock the test moves. */
@Timeout(30)
class TimeTest {
    private final ManualClock clock = new ManualClock();
    private final RecordingEvents events = new RecordingEvents();
    private final Scheduler scheduler = new Scheduler(events, clock);
    private final List<String> trace = new ArrayList<>();

    TimeTest() {
        scheduler.checkInvariantsAfterEachStep();
    }

    @Test
    void sleepersWakeInDeadlineOrderAndNotBefore() {
        for (int millis : new int[] {60, 20, 40, 20}) {
            scheduler.spawn(new Task<>("sleeper " + millis, self -> {
                self.yield(Trap.sleep(Duration.ofMillis(millis)));
                trace.add(millis + " woke");
                return null;
            }));
        }
        scheduler.runUntilIdle();
        clock.advance(Duration.ofMillis(19));
        scheduler.runUntilIdle();
        assertThat(trace).isEmpty();

        clock.advance(Duration.ofMillis(1));
        scheduler.runUntilIdle();
        assertThat(trace).containsExactly("20 woke", "20 woke");
        clock.advance(Duration.ofMillis(40));
        scheduler.runUntilIdle();
        assertThat(trace).containsExactly("20 woke", "20 woke", "40 woke", "60 woke");
    }

    @Test
    void sleepZeroLetsEveryOtherReadyTaskRunFirst() {
        scheduler.spawn(new Task<>("polite", self -> {
            trace.add("polite 1");
            self.yield(Trap.sleep(Duration.ZERO));
            trace.add("polite 2");
            return null;
        }));
        scheduler.spawn(new Task<>("other", self -> {
            trace.add("other");
            return null;
        }));
        scheduler.run();
        assertThat(trace).containsExactly("polite 1", "other", "polite 2");
    }

    @Test
    void aCancelledSleepLeavesNothingInTheTimerQueueToKeepItsTaskReachable() {
        Task<?> sleeper = new Task<>("sleeper", self -> {
            self.yield(Trap.sleep(Duration.ofDays(1)));
            return null;
        });
        scheduler.spawn(sleeper);
        scheduler.runUntilIdle();
        assertThat(scheduler.timerQueue().size()).isEqualTo(1);

        scheduler.cancel(sleeper);

        assertThat(scheduler.timerQueue().size()).isZero();
        assertThat(scheduler.timerQueue().nanosUntilNext(clock.nanoTime())).isEqualTo(Long.MAX_VALUE);
        WeakReference<Task<?>> gone = new WeakReference<>(sleeper);
        sleeper = null;
        assertThat(collected(gone)).as("the cancelled sleeper is unreachable").isTrue();
    }

    @Test
    void waitingOnAChannelLongerThanItsTimeoutRaisesTaskTimeoutAtTheTrap() throws Exception {
        try (Loopback loopback = new Loopback(scheduler); Loopback.Pair pair = loopback.connect()) {
            pair.server().setTimeout(Duration.ofMillis(100));
            scheduler.spawn(new Task<>("idle", self -> {
                trace.add(timedOutAt(self, Trap.recv(pair.server())));
                return null;
            }));
            scheduler.runUntilIdle();
            clock.advance(Duration.ofMillis(99));
            scheduler.runUntilIdle();
            assertThat(trace).isEmpty();

            clock.advance(Duration.ofMillis(1));
            scheduler.runUntilIdle();
            assertThat(trace).containsExactly("no progress for 100 ms waiting to recv");
        }
    }

    @Test
    void aWaitThatEndsInTimeLeavesNoDeadlineBehind() throws Exception {
        try (Loopback loopback = new Loopback(scheduler); Loopback.Pair pair = loopback.connect()) {
            pair.server().setTimeout(Duration.ofMillis(300));
            scheduler.spawn(new Task<>("busy", self -> {
                for (int i = 0; i < 10; i++) {
                    self.yield(Trap.recv(pair.server()));
                    trace.add(Loopback.text(pair.server().recv(1000)));
                }
                return null;
            }));
            for (int i = 0; i < 10; i++) {
                clock.advance(Duration.ofMillis(200)); // each message well inside its wait's timeout
                pair.clientSends("m");
                int expected = i + 1;
                loopback.runUntil(() -> trace.size() == expected);
                assertThat(scheduler.timerQueue().size()).as("one deadline, for the wait in progress").isLessThanOrEqualTo(1);
            }
            assertThat(trace).hasSize(10).containsOnly("m");
            assertThat(scheduler.timerQueue().size()).isZero();
        }
    }

    @Test
    void progressInOneDirectionDoesNotPostponeTheOthersTimeout() throws Exception {
        try (Loopback loopback = new Loopback(scheduler); Loopback.Pair pair = loopback.connect()) {
            pair.server().setTimeout(Duration.ofMillis(200));
            scheduler.spawn(new Task<>("blocked sender", self -> {
                ByteBuffer big = ByteBuffer.allocateDirect(16 << 20); // the client never reads
                try {
                    while (big.hasRemaining()) {
                        self.yield(Trap.send(pair.server()));
                        pair.server().send(big);
                    }
                } catch (TaskTimeout timeout) {
                    trace.add("sender: " + timeout.getMessage());
                }
                return null;
            }));
            scheduler.spawn(new Task<>("receiver", self -> {
                while (true) {
                    self.yield(Trap.recv(pair.server()));
                    if (pair.server().recv(1000) == null) {
                        return null;
                    }
                    trace.add("received");
                }
            }));
            loopback.runUntil(() -> scheduler.statistics().waitingToSend() == 1);

            for (int i = 1; i <= 4; i++) {
                clock.advance(Duration.ofMillis(60)); // the receiver makes progress every 60 ms
                pair.clientSends("x");
                int expected = i;
                loopback.runUntil(() -> trace.stream().filter("received"::equals).count() == expected);
            }

            assertThat(trace).contains("sender: no progress for 200 ms waiting to send");
            assertThat(trace.indexOf("sender: no progress for 200 ms waiting to send"))
                    .as("timed out between the third message (180 ms) and the fourth (240 ms)").isBetween(3, 4);
            assertThat(scheduler.statistics().waitingToRecv()).as("the receiver still waits").isEqualTo(1);
        }
    }

    @Test
    void aTimedOutWaitWakesOnlyItsOwnDirection() throws Exception {
        try (Loopback loopback = new Loopback(scheduler); Loopback.Pair pair = loopback.connect()) {
            pair.server().setTimeout(Duration.ofMillis(200));
            scheduler.spawn(new Task<>("receiver", self -> {
                trace.add("receiver: " + timedOutAt(self, Trap.recv(pair.server())));
                return null;
            }));
            scheduler.runUntilIdle();
            clock.advance(Duration.ofMillis(100));
            scheduler.spawn(new Task<>("blocked sender", self -> {
                ByteBuffer big = ByteBuffer.allocateDirect(16 << 20);
                while (pair.server().send(big) > 0) {
                    // fill the socket buffers
                }
                trace.add("sender: " + timedOutAt(self, Trap.send(pair.server())));
                return null;
            }));
            scheduler.runUntilIdle();

            clock.advance(Duration.ofMillis(100));
            scheduler.runUntilIdle();
            assertThat(trace).containsExactly("receiver: no progress for 200 ms waiting to recv");
            assertThat(scheduler.statistics().waitingToSend()).isEqualTo(1);

            clock.advance(Duration.ofMillis(100));
            scheduler.runUntilIdle();
            assertThat(trace).containsExactly("receiver: no progress for 200 ms waiting to recv",
                    "sender: no progress for 200 ms waiting to send");
        }
    }

    private static String timedOutAt(Generator<Trap, Object, ?> self, Trap trap) throws kilim.Pausable {
        try {
            self.yield(trap);
            return "no timeout";
        } catch (TaskTimeout timeout) {
            return timeout.getMessage();
        }
    }

    private static boolean collected(WeakReference<?> reference) {
        for (int i = 0; i < 50 && reference.get() != null; i++) {
            System.gc();
        }
        return reference.get() == null;
    }
}
