package weft.scheduler;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every task spawned and not yet ended, linked through the tasks themselves: what a stop
 * cancels, what {@link Scheduler#tasks} lists, and how the loop knows it has work left.
 */
final class LiveTasks {
    private Task<?> head;
    private int size;

    void add(Task<?> task) {
        task.nextLive = head;
        if (head != null) {
            head.previousLive = task;
        }
        head = task;
        size++;
    }

    void remove(Task<?> task) {
        if (task.previousLive != null) {
            task.previousLive.nextLive = task.nextLive;
        } else {
            head = task.nextLive;
        }
        if (task.nextLive != null) {
            task.nextLive.previousLive = task.previousLive;
        }
        task.nextLive = null;
        task.previousLive = null;
        size--;
    }

    int size() {
        return size;
    }

    /** The tasks, oldest first. */
    List<Task<?>> snapshot() {
        List<Task<?>> tasks = new ArrayList<>(size);
        for (Task<?> task = head; task != null; task = task.nextLive) {
            tasks.add(task);
        }
        Collections.reverse(tasks);
        return tasks;
    }
}
