package weft.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The sleep trap, and channel timeouts, from the timer queue. */
@Timeout(30)
class TimeTest {
    private final RecordingEvents events = new RecordingEvents();
    private final Scheduler scheduler = new Scheduler(events);

    @Test
    void sleepersWakeInDeadlineOrderAndNotBefore() {
        List<String> woke = new ArrayList<>();
        long start = System.nanoTime();
        for (int millis : new int[] {60, 20, 40}) {
            scheduler.spawn(new Task("sleeper " + millis, self -> {
                self.yield(Trap.sleep(Duration.ofMillis(millis)));
                woke.add(millis + (System.nanoTime() - start >= millis * 1_000_000L ? " on time" : " early"));
                return null;
            }));
        }
        scheduler.run();
        assertThat(woke).containsExactly("20 on time", "40 on time", "60 on time");
    }

    @Test
    void sleepZeroLetsEveryOtherReadyTaskRunFirst() {
        List<String> trace = new ArrayList<>();
        scheduler.spawn(new Task("polite", self -> {
            trace.add("polite 1");
            self.yield(Trap.sleep(Duration.ZERO));
            trace.add("polite 2");
            return null;
        }));
        scheduler.spawn(new Task("other", self -> {
            trace.add("other");
            return null;
        }));
        scheduler.run();
        assertThat(trace).containsExactly("polite 1", "other", "polite 2");
    }

    @Test
    void waitingOnAChannelLongerThanItsTimeoutRaisesTaskTimeoutAtTheTrap() throws Exception {
        try (Loopback loopback = new Loopback(scheduler); Loopback.Pair pair = loopback.connect()) {
            pair.server().setTimeout(Duration.ofMillis(100));
            List<String> trace = new ArrayList<>();
            long start = System.nanoTime();
            scheduler.spawn(new Task("idle", self -> {
                try {
                    self.yield(Trap.recv(pair.server()));
                    trace.add("data");
                } catch (TaskTimeout timeout) {
                    trace.add(timeout.getMessage());
                }
                return null;
            }));
            loopback.runUntil(() -> !trace.isEmpty());
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(100_000_000L);
            assertThat(trace).containsExactly("no progress for 100 ms waiting to recv");
        }
    }

    @Test
    void progressPostponesTheTimeout() throws Exception {
        try (Loopback loopback = new Loopback(scheduler); Loopback.Pair pair = loopback.connect()) {
            pair.server().setTimeout(Duration.ofMillis(300));
            List<String> trace = new ArrayList<>();
            scheduler.spawn(new Task("busy", self -> {
                try {
                    while (true) {
                        self.yield(Trap.recv(pair.server()));
                        trace.add(Loopback.text(pair.server().recv(1000)));
                    }
                } catch (TaskTimeout timeout) {
                    trace.add("timed out");
                }
                return null;
            }));
            long start = System.nanoTime();
            // A message every 100 ms for a second: each one well inside the timeout.
            for (int i = 0; i < 10; i++) {
                long due = start + (i + 1) * 100_000_000L;
                while (System.nanoTime() < due) {
                    scheduler.runOnce(Duration.ofNanos(Math.max(1, due - System.nanoTime())));
                }
                pair.clientSends("m");
                int expected = i + 1;
                loopback.runUntil(() -> trace.size() == expected);
            }
            assertThat(trace).hasSize(10).containsOnly("m");
            loopback.runUntil(() -> trace.contains("timed out"));
        }
    }
}
