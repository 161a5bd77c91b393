package weft.scheduler;

import weft.generator.Body;
import weft.generator.Generator;

/**
 * A task for {@link Scheduler}: a generator that yields {@link Trap}s, the way the seed's tasks
 * yield {@code ('recv', sock)}. The value a trap's yield returns is what the scheduler sends
 * back: the message for {@code get}, null for the others.
 *
 * <p>The package-private fields are the scheduler's bookkeeping, kept on the task itself so
 * parking and waking it allocate nothing.
 */
public class Task extends Generator<Trap, Object, Void> {

    /** Where a task is while it is not running. */
    enum Place { NEW, READY, RUNNING, RECV, SEND, SLEEP, GET, PUT, DONE }

    private final String name;

    Place place = Place.NEW;
    Object parkedOn;           // the Pollable, Mailbox or Timers.Entry it waits on
    Object resumeValue;        // sent in when it next runs
    Throwable resumeError;     // or thrown in instead
    Object pendingMessage;     // a put waiting for room
    Task previousLive;         // the scheduler's list of live tasks
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
