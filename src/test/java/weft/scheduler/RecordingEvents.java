package weft.scheduler;

import java.util.ArrayList;
import java.util.List;

/** TaskEvents that remember what happened, for assertions. */
final class RecordingEvents implements TaskEvents {
    final List<String> done = new ArrayList<>();
    final List<Throwable> failures = new ArrayList<>();
    final List<String> failed = new ArrayList<>();

    @Override
    public void taskDone(Task<?> task) {
        done.add(task.toString());
    }

    @Override
    public void taskFailed(Task<?> task, Throwable error) {
        failed.add(task.toString());
        failures.add(error);
    }
}
