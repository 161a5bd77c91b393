package weft.scheduler;

import weft.generator.Body;
import weft.generator.Generator;

/**
 * A task for {@link Scheduler}: a generator that yields {@link Trap}s, the way the seed's tasks
 * yield {@code ('recv', sock)}. The value a trap's yield returns is what the scheduler sends
 * back: the message for {@code get}, null for the others.
 *
 * <p>The package-private fields are the kernel's bookkeeping, kept on the task itself so that
 * parking and waking it allocate nothing. Each has one writer, named beside it.
 */
public class Task extends Generator<Trap, Object, Void> {

    private final String name;

    // Scheduler: where the task is, and the parking that holds it while it waits (null otherwise).
    Where where = Where.NEW;
    Parking parking;
    Scheduler scheduler;
    Object resumeValue;        // sent in when it next runs
    Throwable resumeError;     // or thrown in instead
    // TimerQueue: the task's deadline (its sleep's, or its wait's) and its place in the heap.
    long deadline;
    long timerOrder;
    int timerIndex = -1;
    // Mailbox: a put waiting for room.
    Object pendingMessage;
    // LiveTasks: the scheduler's list of tasks spawned and not ended.
    Task previousLive;
    Task nextLive;

    /** For subclasses that override {@code body()}; named after the class. */
    protected Task() {
        this.name = null;
    }

    public Task(String name, Body<Trap, Object, Void> body) {
        super(body);
        this.name = name;
    }

    /**
     * Where the task is now: waiting on what, ready, running or done. Read it on the loop's
     * thread; a server's stop policy uses it to tell a task waiting for input from one halfway
     * through a reply.
     */
    public final Where where() {
        return where;
    }

    /**
     * Runs instead of the body when the task is cancelled before it ever ran: closing a
     * generator that has not started runs none of its code (as in Python), so a task handed
     * resources when it was made releases them here.
     */
    protected void cancelledBeforeStart() {
    }

    @Override
    public String toString() {
        return name != null ? name : getClass().getSimpleName();
    }
}
