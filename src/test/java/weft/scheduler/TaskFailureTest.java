package weft.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A task that fails ends alone: reported once, the loop and every other task go on. */
@Timeout(30)
class TaskFailureTest {
    private final RecordingEvents events = new RecordingEvents();
    private final Scheduler scheduler = new Scheduler(events);

    @Test
    void taskThatThrowsEndsAloneAndTheOthersFinish() {
        List<String> trace = new ArrayList<>();
        scheduler.spawn(counter("before", trace));
        scheduler.spawn(new Task<>("crasher", self -> {
            self.yield(Trap.sleep(Duration.ZERO));
            throw new IllegalArgumentException("boom");
        }));
        scheduler.spawn(counter("after", trace));

        scheduler.run();

        assertThat(events.failed).containsExactly("crasher");
        assertThat(events.failures).singleElement().extracting(Throwable::getMessage).isEqualTo("boom");
        assertThat(events.done).containsExactlyInAnyOrder("before", "after");
        assertThat(trace).containsExactly("before 0", "after 0", "before 1", "after 1", "before 2", "after 2");
    }

    @Test
    void errorsThatAreNotExceptionsAreContainedToo() {
        scheduler.spawn(new Task<>("overflow", self -> {
            throw new StackOverflowError("deep");
        }));
        scheduler.spawn(counter("survivor", new ArrayList<>()));
        scheduler.run();
        assertThat(events.failed).containsExactly("overflow");
        assertThat(events.done).containsExactly("survivor");
    }

    @Test
    void yieldingSomethingThatIsNotATrapRaisesInsideTheTask() {
        List<String> caught = new ArrayList<>();
        scheduler.spawn(new Task<>("confused", self -> {
            try {
                self.yield(null);
            } catch (IllegalStateException e) {
                caught.add(e.getMessage());
            }
            return null;
        }));
        scheduler.run();
        assertThat(caught).containsExactly("yielded null, not a trap");
        assertThat(events.done).containsExactly("confused");
    }

    @Test
    void spawnStartsTheNewTaskAfterTheTasksAlreadyReady() {
        List<String> trace = new ArrayList<>();
        scheduler.spawn(new Task<>("parent", self -> {
            trace.add("parent starts");
            self.yield(Trap.spawn(new Task<>("child", child -> {
                trace.add("child runs");
                return null;
            })));
            trace.add("parent goes on at once");
            return null;
        }));
        scheduler.spawn(new Task<>("sibling", self -> {
            trace.add("sibling runs");
            return null;
        }));
        scheduler.run();
        assertThat(trace).containsExactly("parent starts", "parent goes on at once", "sibling runs", "child runs");
    }

    private static Task<?> counter(String name, List<String> trace) {
        return new Task<>(name, self -> {
            for (int i = 0; i < 3; i++) {
                trace.add(name + " " + i);
                self.yield(Trap.sleep(Duration.ZERO));
            }
            return null;
        });
    }
}
