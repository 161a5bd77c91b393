package weft.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import weft.testing.ManualClock;

/** Task groups (trio's nursery): no child outlives the block; a failure cancels the rest and comes out. */
@Timeout(30)
class TaskGroupTest {
    private final ManualClock clock = new ManualClock();
    private final RecordingEvents events = new RecordingEvents();
    private final Scheduler scheduler = new Scheduler(events, clock);
    private final List<String> trace = new ArrayList<>();

    TaskGroupTest() {
        scheduler.checkInvariantsAfterEachStep();
    }

    @Test
    void theBlockDoesNotEndUntilEveryChildHas() {
        scheduler.spawn(new Task<>("parent", self -> {
            String value = TaskGroup.run(group -> {
                group.spawn(sleeper("short", 10));
                group.spawn(sleeper("long", 30));
                return "block's value";
            });
            trace.add("group ended with " + value);
            return null;
        }));
        scheduler.runUntilIdle();
        clock.advance(Duration.ofMillis(10));
        scheduler.runUntilIdle();
        assertThat(trace).containsExactly("short woke");

        clock.advance(Duration.ofMillis(20));
        scheduler.run();
        assertThat(trace).containsExactly("short woke", "long woke", "group ended with block's value");
    }

    @Test
    void aFailingChildCancelsItsSiblingsAndTheFailureComesOutOfTheBlock() {
        IllegalStateException boom = new IllegalStateException("boom");
        scheduler.spawn(new Task<>("parent", self -> {
            try {
                TaskGroup.run(group -> {
                    group.spawn(sleeper("sibling", 60_000));
                    group.spawn(new Task<Void>("failing", child -> {
                        Tasks.sleep(Duration.ofMillis(10));
                        throw boom;
                    }));
                    return null;
                });
                trace.add("no failure came out");
            } catch (TaskError error) {
                trace.add("came out: " + error.getMessage() + ", cause is boom: " + (error.getCause() == boom));
            }
            return null;
        }));
        scheduler.runUntilIdle();
        clock.advance(Duration.ofMillis(10));
        scheduler.run();
        assertThat(trace).containsExactly("sibling cancelled", "sibling finally",
                "came out: task failing failed: java.lang.IllegalStateException: boom, cause is boom: true");
    }

    @Test
    void aFailingChildCancelsTheBlockWhereItWaits() {
        scheduler.spawn(new Task<>("parent", self -> {
            try {
                TaskGroup.run(group -> {
                    group.spawn(new Task<Void>("failing", child -> {
                        throw new IllegalArgumentException("bad");
                    }));
                    try {
                        Tasks.sleep(Duration.ofDays(1)); // the block is waiting when the child fails
                    } catch (TaskCancelled cancelled) {
                        trace.add("block cancelled");
                        throw cancelled;
                    }
                    return null;
                });
            } catch (TaskError error) {
                trace.add("came out: " + error.getCause().getMessage());
            }
            return null;
        }));
        scheduler.run();
        assertThat(trace).containsExactly("block cancelled", "came out: bad");
    }

    @Test
    void cancellingTheParentCancelsTheChildrenAndWaitsForThem() {
        Task<Void> parent = scheduler.spawn(new Task<>("parent", self -> {
            try {
                TaskGroup.run(group -> {
                    group.spawn(sleeper("child 1", 60_000));
                    group.spawn(sleeper("child 2", 60_000));
                    return null;
                });
            } finally {
                trace.add("parent finally");
            }
            return null;
        }));
        scheduler.spawn(new Task<>("canceller", self -> {
            Tasks.sleep(Duration.ofMillis(1));
            parent.cancel();
            trace.add("parent cancelled");
            return null;
        }));
        scheduler.runUntilIdle();
        clock.advance(Duration.ofMillis(1));
        scheduler.run();
        assertThat(trace).containsExactly("child 1 cancelled", "child 1 finally", "child 2 cancelled",
                "child 2 finally", "parent finally", "parent cancelled");
        assertThat(parent.exception()).isInstanceOf(TaskCancelled.class);
    }

    @Test
    void aBlockThatThrowsCancelsTheChildrenAndItsExceptionComesOut() {
        scheduler.spawn(new Task<>("parent", self -> {
            try {
                TaskGroup.run(group -> {
                    group.spawn(sleeper("child", 60_000));
                    Tasks.sleep(Duration.ZERO); // the child starts, and waits
                    throw new UnsupportedOperationException("block gave up");
                });
            } catch (UnsupportedOperationException e) {
                trace.add("came out: " + e.getMessage());
            }
            return null;
        }));
        scheduler.run();
        assertThat(trace).containsExactly("child cancelled", "child finally", "came out: block gave up");
    }

    @Test
    void aChildCancelledBeforeItEverRanRunsNoneOfItsCodeButReleasesWhatItWasGiven() {
        List<String> released = new ArrayList<>();
        scheduler.spawn(new Task<>("parent", self -> {
            try {
                TaskGroup.run(group -> {
                    group.spawn(new Task<Void>("never ran", child -> {
                        trace.add("child code ran");
                        return null;
                    }) {
                        @Override
                        protected void cancelledBeforeStart() {
                            released.add("released");
                        }
                    });
                    throw new UnsupportedOperationException("at once");
                });
            } catch (UnsupportedOperationException e) {
                trace.add("came out: " + e.getMessage());
            }
            return null;
        }));
        scheduler.run();
        assertThat(trace).containsExactly("came out: at once");
        assertThat(released).containsExactly("released");
    }

    @Test
    void aTimeoutAroundAGroupCancelsTheChildren() {
        scheduler.spawn(new Task<>("parent", self -> {
            Object value = Tasks.ignoreAfter(Duration.ofMillis(50), () -> TaskGroup.run(group -> {
                group.spawn(sleeper("child", 60_000));
                return "finished";
            }));
            trace.add("ignoreAfter gave " + value);
            return null;
        }));
        scheduler.runUntilIdle();
        clock.advance(Duration.ofMillis(50));
        scheduler.run();
        assertThat(trace).containsExactly("child cancelled", "child finally", "ignoreAfter gave null");
    }

    @Test
    void onlyTheTaskRunningTheBlockMaySpawnIntoTheGroup() {
        scheduler.spawn(new Task<>("parent", self -> {
            TaskGroup.run(group -> {
                group.spawn(new Task<Void>("interloper", child -> {
                    try {
                        group.spawn(new Task<>("grandchild", grandchild -> null));
                    } catch (IllegalStateException refused) {
                        trace.add(refused.getMessage());
                    }
                    return null;
                }));
                return null;
            });
            return null;
        }));
        scheduler.run();
        assertThat(trace).containsExactly("only the task running the group's block may spawn into it");
    }

    private Task<Void> sleeper(String name, long millis) {
        return new Task<>(name, self -> {
            try {
                Tasks.sleep(Duration.ofMillis(millis));
                trace.add(name + " woke");
            } catch (TaskCancelled cancelled) {
                trace.add(name + " cancelled");
                throw cancelled;
            } finally {
                if (!trace.contains(name + " woke")) {
                    trace.add(name + " finally");
                }
            }
            return null;
        });
    }
}
