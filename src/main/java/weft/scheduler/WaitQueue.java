package weft.scheduler;

import java.util.ArrayDeque;

/**
 * Tasks waiting in arrival order for one thing: a mailbox's getters, or its putters. Taking a
 * task out from the middle (a cancel, a timeout) walks the queue; waking takes the oldest.
 */
final class WaitQueue implements Parking {
    private final Where where;
    private final ArrayDeque<Task<?>> tasks = new ArrayDeque<>();

    WaitQueue(Where where) {
        this.where = where;
    }

    void add(Task<?> task) {
        tasks.addLast(task);
    }

    /** The task that has waited longest, still parked here, or null. */
    Task<?> oldest() {
        return tasks.peekFirst();
    }

    int size() {
        return tasks.size();
    }

    boolean contains(Task<?> task) {
        return tasks.contains(task);
    }

    /** The task leaves; a put that leaves takes its message with it. */
    @Override
    public void remove(Task<?> task) {
        if (task.pendingMessage() != null) {
            task.extra().pendingMessage = null;
        }
        if (tasks.peekFirst() == task) {
            tasks.pollFirst();
        } else {
            tasks.remove(task);
        }
    }

    @Override
    public Where where() {
        return where;
    }
}
