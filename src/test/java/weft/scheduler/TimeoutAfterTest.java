package weft.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import weft.testing.ManualClock;

/** timeoutAfter and ignoreAfter bound any wait inside them; nested, they behave as curio's. */
@Timeout(30)
class TimeoutAfterTest {
    private static final Duration LIMIT = Duration.ofMillis(100);

    private final ManualClock clock = new ManualClock();
    private final RecordingEvents events = new RecordingEvents();
    private final Scheduler scheduler = new Scheduler(events, clock);
    private final List<String> trace = new ArrayList<>();

    TimeoutAfterTest() {
        scheduler.checkInvariantsAfterEachStep();
    }

    @Test
    void timeoutAfterRaisesTaskTimeoutOutOfASleepGetPutAndJoin() {
        Mailbox<String> empty = new Mailbox<>(1);
        Mailbox<String> full = new Mailbox<>(1);
        full.offer("already");
        Task<Void> forever = scheduler.spawn(new Task<>("forever", self -> {
            Tasks.sleep(Duration.ofDays(1));
            return null;
        }));
        bounded("sleep", () -> {
            Tasks.sleep(Duration.ofDays(1));
            return null;
        });
        bounded("get", empty::get);
        bounded("put", () -> {
            full.put("more");
            return null;
        });
        bounded("join", forever::join);
        scheduler.runUntilIdle();
        clock.advance(LIMIT.minusMillis(1));
        scheduler.runUntilIdle();
        assertThat(trace).isEmpty();

        clock.advance(Duration.ofMillis(1));
        scheduler.runUntilIdle();

        assertThat(trace).containsExactlyInAnyOrder("sleep: timed out after 100 ms", "get: timed out after 100 ms",
                "put: timed out after 100 ms", "join: timed out after 100 ms");
        assertThat(full.size()).as("the put that timed out left nothing behind").isEqualTo(1);
        assertThat(scheduler.statistics().waitingOnMailboxes()).isZero();
    }

    @Test
    void timeoutAfterRaisesTaskTimeoutOutOfRecvSendAndAccept() throws Exception {
        try (Loopback loopback = new Loopback(scheduler); Loopback.Pair pair = loopback.connect()) {
            bounded("recv", () -> Tasks.trap(Trap.recv(pair.server())));
            bounded("accept", () -> Tasks.trap(Trap.recv(loopback.listener)));
            bounded("send", () -> {
                ByteBuffer big = ByteBuffer.allocateDirect(16 << 20); // the client never reads
                while (big.hasRemaining()) {
                    Tasks.trap(Trap.send(pair.server()));
                    pair.server().send(big);
                }
                return null;
            });
            loopback.runUntil(() -> scheduler.statistics().waitingToSend() == 1);
            clock.advance(LIMIT);
            loopback.runUntil(() -> trace.size() == 3);

            assertThat(trace).containsExactlyInAnyOrder("recv: timed out after 100 ms",
                    "accept: timed out after 100 ms", "send: timed out after 100 ms");
        }
    }

    @Test
    void ignoreAfterReturnsNullInsteadOfThrowing() {
        scheduler.spawn(new Task<>("patient", self -> {
            Object value = Tasks.ignoreAfter(LIMIT, () -> {
                Tasks.sleep(Duration.ofDays(1));
                return "slept";
            });
            trace.add("ignoreAfter gave " + value);
            return null;
        }));
        scheduler.runUntilIdle();
        clock.advance(LIMIT);
        scheduler.run();
        assertThat(trace).containsExactly("ignoreAfter gave null");
    }

    @Test
    void aBodyThatFinishesInTimeReturnsItsValueAndLeavesNoDeadlineBehind() {
        scheduler.spawn(new Task<>("quick", self -> {
            trace.add(Tasks.timeoutAfter(LIMIT, () -> {
                Tasks.sleep(Duration.ofMillis(10));
                return "in time";
            }));
            Tasks.sleep(Duration.ofSeconds(1)); // no deadline around this one any more
            trace.add("slept on");
            return null;
        }));
        scheduler.runUntilIdle();
        clock.advance(Duration.ofMillis(10));
        scheduler.runUntilIdle();
        clock.advance(Duration.ofSeconds(1));
        scheduler.run();
        assertThat(trace).containsExactly("in time", "slept on");
    }

    @Test
    void theInnerDeadlineThatExpiresFirstWinsAndTheOuterBlockGoesOn() {
        scheduler.spawn(new Task<>("nested", self -> {
            String outcome = Tasks.timeoutAfter(Duration.ofSeconds(1), () -> {
                try {
                    Tasks.timeoutAfter(LIMIT, () -> {
                        Tasks.sleep(Duration.ofDays(1));
                        return null;
                    });
                    return "inner finished";
                } catch (TaskTimeout inner) {
                    return "inner timed out: " + inner.getMessage();
                }
            });
            trace.add(outcome);
            return null;
        }));
        scheduler.runUntilIdle();
        clock.advance(LIMIT);
        scheduler.run();
        assertThat(trace).containsExactly("inner timed out: timed out after 100 ms");
    }

    @Test
    void anOuterExpiryIsNotMistakenForAnInnerOne() {
        scheduler.spawn(new Task<>("nested", self -> {
            try {
                Tasks.timeoutAfter(LIMIT, () -> {
                    try {
                        return Tasks.timeoutAfter(Duration.ofSeconds(1), () -> {
                            Tasks.sleep(Duration.ofDays(1));
                            return null;
                        });
                    } catch (TaskTimeout wrong) {
                        trace.add("the inner block took the outer expiry for its own");
                        return null;
                    }
                });
            } catch (TaskTimeout outer) {
                trace.add("outer: " + outer.getMessage());
            }
            return null;
        }));
        scheduler.runUntilIdle();
        clock.advance(LIMIT);
        scheduler.run();
        assertThat(trace).containsExactly("outer: timed out after 100 ms");
    }

    @Test
    void aWaitEnteredAfterTheDeadlinePassedTimesOutAtOnce() {
        scheduler.spawn(new Task<>("late", self -> {
            try {
                Tasks.timeoutAfter(LIMIT, () -> {
                    Tasks.sleep(LIMIT.multipliedBy(2)); // the deadline passes meanwhile...
                    return null;
                });
            } catch (TaskTimeout timeout) {
                trace.add("timed out");
            }
            try {
                Tasks.timeoutAfter(Duration.ZERO, () -> new Mailbox<String>(1).get()); // ...or is already past
            } catch (TaskTimeout timeout) {
                trace.add("timed out at once");
            }
            return null;
        }));
        scheduler.runUntilIdle();
        clock.advance(LIMIT);
        scheduler.runUntilIdle();
        scheduler.runUntilIdle();
        assertThat(trace).containsExactly("timed out", "timed out at once");
    }

    private void bounded(String name, Block<?> wait) {
        scheduler.spawn(new Task<>(name, self -> {
            try {
                Tasks.timeoutAfter(LIMIT, wait);
                trace.add(name + ": no timeout");
            } catch (TaskTimeout timeout) {
                trace.add(name + ": " + timeout.getMessage());
            }
            return null;
        }));
    }

}
