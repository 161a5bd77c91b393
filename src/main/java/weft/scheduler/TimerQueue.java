package weft.scheduler;

import java.util.Arrays;

/**
 * The waiting area for time: sleeping tasks, and the deadline of every wait that has one (a
 * channel's timeout). The loop's poll waits no longer than the earliest deadline.
 *
 * <p>A binary heap of the tasks themselves, each knowing its index in it, so a deadline is
 * removed the moment its wait ends (woken, cancelled, timed out): a cancelled sleep or a wait
 * that ended early leaves nothing behind to keep its task reachable. Adding and removing are
 * O(log n) and allocate nothing (but a task's first deadline makes its {@link Task.Extra}, where
 * its deadline and index are kept: most tasks never have one). Ties go to the task that was
 * added first.
 *
 * <p>A task is in the heap at most once: for its sleep (it is then parked here, and the
 * deadline wakes it) or for the deadline of the wait it is parked in elsewhere (the deadline
 * times it out).
 */
final class TimerQueue implements Parking {
    private Task<?>[] heap = new Task[16];
    private int size;
    private int sleepers;
    private long order;

    /** Parks {@code task} here until {@code deadline}. */
    void sleep(Task<?> task, long deadline) {
        add(task, deadline);
        sleepers++;
    }

    /** Gives the wait {@code task} is parked in elsewhere a deadline. */
    void addDeadline(Task<?> task, long deadline) {
        add(task, deadline);
    }

    /** Drops the deadline of {@code task}'s wait, if it has one. */
    void removeDeadline(Task<?> task) {
        int index = task.timerIndex();
        if (index >= 0) {
            removeAt(index);
        }
    }

    /** The sleeper leaves: woken, cancelled. */
    @Override
    public void remove(Task<?> task) {
        removeAt(task.timerIndex());
        sleepers--;
    }

    @Override
    public Where where() {
        return Where.SLEEP;
    }

    /** The task whose deadline is due at {@code now}, still in the queue, or null. */
    Task<?> due(long now) {
        return size > 0 && heap[0].extra().deadline - now <= 0 ? heap[0] : null;
    }

    /** Nanoseconds from {@code now} to the earliest deadline: 0 if one is due, Long.MAX_VALUE if none. */
    long nanosUntilNext(long now) {
        return size == 0 ? Long.MAX_VALUE : Math.max(0, heap[0].extra().deadline - now);
    }

    int size() {
        return size;
    }

    int sleepers() {
        return sleepers;
    }

    /** Whether {@code task} sits at its index and the heap order holds around it: for invariant checks. */
    boolean holds(Task<?> task) {
        int index = task.timerIndex();
        return index >= 0 && index < size && heap[index] == task
                && (index == 0 || !before(task, heap[(index - 1) / 2]));
    }

    private void add(Task<?> task, long deadline) {
        if (task.timerIndex() >= 0) {
            throw new IllegalStateException("task already has a deadline: " + task);
        }
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        Task.Extra timer = task.extra();
        timer.deadline = deadline;
        timer.timerOrder = order++;
        place(task, size++);
        siftUp(timer.timerIndex);
    }

    private void removeAt(int index) {
        Task<?> removed = heap[index];
        Task<?> last = heap[--size];
        heap[size] = null;
        removed.extra().timerIndex = -1;
        if (index < size) {
            place(last, index);
            siftDown(index);
            siftUp(last.timerIndex());
        }
    }

    private void siftUp(int index) {
        Task<?> task = heap[index];
        while (index > 0) {
            int parent = (index - 1) / 2;
            if (!before(task, heap[parent])) {
                break;
            }
            place(heap[parent], index);
            index = parent;
        }
        place(task, index);
    }

    private void siftDown(int index) {
        Task<?> task = heap[index];
        while (true) {
            int child = 2 * index + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && before(heap[child + 1], heap[child])) {
                child++;
            }
            if (!before(heap[child], task)) {
                break;
            }
            place(heap[child], index);
            index = child;
        }
        place(task, index);
    }

    private void place(Task<?> task, int index) {
        heap[index] = task;
        task.extra().timerIndex = index;
    }

    private static boolean before(Task<?> a, Task<?> b) {
        Task.Extra x = a.extra();
        Task.Extra y = b.extra();
        long difference = x.deadline - y.deadline;
        return difference < 0 || (difference == 0 && x.timerOrder < y.timerOrder);
    }
}
