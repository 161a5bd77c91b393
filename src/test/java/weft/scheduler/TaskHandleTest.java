package weft.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import weft.testing.ManualClock;

/** A spawned task is its own handle: join, cancel, isDone, result, exception (curio's Task). */
@Timeout(30)
class TaskHandleTest {
    private final ManualClock clock = new ManualClock();
    private final RecordingEvents events = new RecordingEvents();
    private final Scheduler scheduler = new Scheduler(events, clock);
    private final List<String> trace = new ArrayList<>();

    TaskHandleTest() {
        scheduler.checkInvariantsAfterEachStep();
    }

    @Test
    void joinWaitsForTheTaskAndReturnsItsResult() {
        scheduler.spawn(new Task<>("parent", self -> {
            Task<Integer> child = Tasks.spawn(new Task<>("child", c -> {
                Tasks.sleep(Duration.ofMillis(10));
                return 42;
            }));
            trace.add("joining");
            trace.add("joined " + child.join());
            return null;
        }));
        scheduler.runUntilIdle();
        assertThat(trace).containsExactly("joining");
        assertThat(scheduler.statistics().tasks()).isEqualTo(2);

        clock.advance(Duration.ofMillis(10));
        scheduler.run();

        assertThat(trace).containsExactly("joining", "joined 42");
    }

    @Test
    void joiningATaskThatFailedThrowsTaskErrorWithTheFailureAsCauseAndTheFailureIsReportedOnce() {
        IllegalStateException boom = new IllegalStateException("boom");
        scheduler.spawn(new Task<>("parent", self -> {
            Task<Void> child = Tasks.spawn(new Task<Void>("child", c -> {
                throw boom;
            }));
            try {
                child.join();
            } catch (TaskError error) {
                trace.add(error.getMessage() + " / cause is boom: " + (error.getCause() == boom));
            }
            return null;
        }));
        scheduler.run();
        assertThat(trace).containsExactly("task child failed: java.lang.IllegalStateException: boom / cause is boom: true");
        assertThat(events.failed).containsExactly("child");
    }

    @Test
    void joiningATaskThatHasEndedReturnsAtOnce() {
        Task<String> done = scheduler.spawn(new Task<>("quick", self -> "result"));
        scheduler.runUntilIdle();
        scheduler.spawn(new Task<>("late joiner", self -> {
            trace.add(done.join());
            return null;
        }));
        scheduler.runUntilIdle();
        assertThat(trace).containsExactly("result");
    }

    @Test
    void cancelRaisesTaskCancelledAtTheWaitLetsFinallyWaitAndReturnsOnceTheTaskHasEnded() {
        Task<Void> sleeper = new Task<>("sleeper", self -> {
            try {
                Tasks.sleep(Duration.ofDays(1));
                trace.add("woke");
            } catch (TaskCancelled cancelled) {
                trace.add("cancelled at its wait");
                throw cancelled;
            } finally {
                Tasks.sleep(Duration.ofMillis(5)); // cleaning up may wait
                trace.add("finally done");
            }
            return null;
        });
        scheduler.spawn(sleeper);
        scheduler.spawn(new Task<>("canceller", self -> {
            sleeper.cancel();
            trace.add("cancel returned");
            return null;
        }));
        scheduler.runUntilIdle();
        assertThat(trace).containsExactly("cancelled at its wait");

        clock.advance(Duration.ofMillis(5));
        scheduler.run();

        assertThat(trace).containsExactly("cancelled at its wait", "finally done", "cancel returned");
        assertThat(sleeper.isDone()).isTrue();
        assertThat(sleeper.exception()).isInstanceOf(TaskCancelled.class);
        assertThatThrownBy(sleeper::result).isInstanceOf(TaskError.class).hasMessage("task sleeper was cancelled");
        assertThat(events.failed).as("a cancellation is not a failure").isEmpty();
    }

    @Test
    void aTaskCancelledAfterAGetHandedItAMessageKeepsTheMessageAndIsCancelledAtItsNextTrap() {
        Mailbox<String> box = new Mailbox<>(1);
        Task<Void> getter = new Task<>("getter", self -> {
            trace.add("got " + box.get());
            try {
                Tasks.sleep(Duration.ofDays(1));
                trace.add("slept");
            } catch (TaskCancelled cancelled) {
                trace.add("cancelled at its next wait");
                throw cancelled;
            }
            return null;
        });
        scheduler.spawn(getter);
        scheduler.runUntilIdle(); // waiting in get
        scheduler.spawn(new Task<>("sender", self -> {
            box.put("the only copy"); // handed to the getter: out of the mailbox, the getter ready
            getter.cancel();
            trace.add("cancel returned");
            return null;
        }));
        scheduler.run();

        assertThat(trace).containsExactly("got the only copy", "cancelled at its next wait", "cancel returned");
        assertThat(box.size()).isZero();
        assertThat(getter.exception()).isInstanceOf(TaskCancelled.class);
    }

    @Test
    void aGentleCancelIsRaisedAtASendEvenWhenTheSocketHasRoomAndTheSendWouldGoOnAtOnce() throws Exception {
        try (Loopback loopback = new Loopback(scheduler); Loopback.Pair pair = loopback.connect()) {
            Mailbox<String> box = new Mailbox<>(1);
            Task<Void> getter = new Task<>("getter", self -> {
                self.yield(Trap.send(pair.server())); // the socket is this scheduler's from now on
                pair.server().send(ByteBuffer.wrap(new byte[] {1}));
                trace.add("got " + box.get());
                try {
                    self.yield(Trap.send(pair.server())); // room to write: answered inside the yield, but for the cancel
                    trace.add("sent");
                } catch (TaskCancelled cancelled) {
                    trace.add("cancelled at its send");
                    throw cancelled;
                }
                return null;
            });
            scheduler.spawn(getter);
            loopback.runUntil(() -> getter.where() == Where.GET);
            Task<Void> sender = scheduler.spawn(new Task<>("sender", self -> {
                box.put("the only copy");
                getter.cancel();
                trace.add("cancel returned");
                return null;
            }));
            loopback.runUntil(sender::isDone);

            assertThat(trace).containsExactly("got the only copy", "cancelled at its send", "cancel returned");
            assertThat(getter.exception()).isInstanceOf(TaskCancelled.class);
        }
    }

    @Test
    void cancellingATaskThatHasEndedDoesNothing() {
        Task<String> done = scheduler.spawn(new Task<>("quick", self -> "fine"));
        scheduler.runUntilIdle();
        scheduler.spawn(new Task<>("canceller", self -> {
            done.cancel();
            trace.add("cancel returned");
            return null;
        }));
        scheduler.run();
        assertThat(trace).containsExactly("cancel returned");
        assertThat(done.result()).isEqualTo("fine");
    }

    @Test
    void isDoneResultAndExceptionAnswerWithoutWaiting() {
        Task<String> slow = scheduler.spawn(new Task<>("slow", self -> {
            Tasks.sleep(Duration.ofSeconds(1));
            return "late";
        }));
        scheduler.runUntilIdle();
        assertThat(slow.isDone()).isFalse();
        assertThatThrownBy(slow::result).isInstanceOf(IllegalStateException.class)
                .hasMessage("task has not ended, so it has no result yet: slow (SLEEP); join() waits for it");
        assertThatThrownBy(slow::exception).isInstanceOf(IllegalStateException.class);

        clock.advance(Duration.ofSeconds(1));
        scheduler.run();
        assertThat(slow.isDone()).isTrue();
        assertThat(slow.result()).isEqualTo("late");
        assertThat(slow.exception()).isNull();
    }

    @Test
    void aTaskCannotJoinOrCancelItself() {
        scheduler.spawn(new Task<>("ouroboros", self -> {
            Task<?> me = Tasks.current();
            trace.add(raised(() -> me.join()));
            trace.add(raised(() -> {
                me.cancel();
                return null;
            }));
            return null;
        }));
        scheduler.run();
        assertThat(trace).containsExactly(
                "IllegalStateException: a task cannot wait for itself to end: ouroboros",
                "IllegalStateException: a task cannot cancel itself: ouroboros");
    }

    @Test
    void joiningATaskNeverSpawnedOrOfAnotherSchedulerFailsInTheTask() {
        Task<Void> never = new Task<>("never spawned", self -> null);
        Task<Void> foreign;
        try (Scheduler other = new Scheduler(TaskEvents.SILENT)) {
            foreign = other.spawn(new Task<>("foreign", self -> null));
        }
        scheduler.spawn(new Task<>("joiner", self -> {
            trace.add(raised(() -> never.join()));
            trace.add(raised(() -> foreign.join()));
            return null;
        }));
        scheduler.run();
        assertThat(trace).containsExactly(
                "IllegalArgumentException: cannot join never spawned: it was never spawned",
                "IllegalArgumentException: cannot join foreign: it belongs to another scheduler");
    }

    @Test
    void taskFunctionsCalledOutsideATaskFailFastWithAClearMessage() {
        assertThatThrownBy(Tasks::current).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("not inside a running task");
    }

    @Test
    void tasksWaitingOnEachOtherForeverAreADeadlock() {
        Mailbox<String> never = new Mailbox<>(1);
        scheduler.spawn(new Task<>("waits on a mailbox", self -> never.get()));
        scheduler.spawn(new Task<>("waits on it", self -> {
            trace.add(String.valueOf(scheduler.tasks().get(0).join()));
            return null;
        }));
        assertThatThrownBy(scheduler::run).isInstanceOf(IllegalStateException.class)
                .hasMessage("deadlock: 2 task(s) wait on mailboxes or other tasks and no other task can run");
    }

    /** What an action raises inside the task, as "Type: message". */
    private static String raised(Block<?> action) throws kilim.Pausable {
        try {
            action.run();
            return "nothing raised";
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
