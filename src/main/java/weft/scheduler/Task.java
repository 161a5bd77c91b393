package weft.scheduler;

import kilim.Pausable;
import weft.generator.Body;
import weft.generator.Generator;

/**
 * A task for {@link Scheduler}: a generator that yields {@link Trap}s, the way the seed's tasks
 * yield {@code ('recv', sock)}, and also the handle to it once spawned (curio's {@code Task}):
 * {@link #join} waits for it and hands back its result, {@link #cancel} ends it at its current
 * wait, {@link #isDone}, {@link #result} and {@link #exception} look without waiting.
 *
 * <pre>
 * curio                                  weft, inside a task
 * t = await spawn(worker, 3)             Task&lt;Integer&gt; t = Tasks.spawn(new Worker(3));
 * r = await t.join()                     Integer r = t.join();
 * await t.cancel()                       t.cancel();
 * t.terminated / t.result / t.exception  t.isDone() / t.result() / t.exception()
 * </pre>
 *
 * <p>The value a trap's yield returns is what the scheduler sends back: the message for
 * {@code get}, null for the others. The package-private fields are the kernel's bookkeeping,
 * kept on the task itself so that parking and waking it allocate nothing (but for the task's
 * {@code Extra}, made once, the first time it needs one); each has one writer, named beside it.
 *
 * @param <R> what the task's body returns: its result
 */
public class Task<R> extends Generator<Trap, Object, R> {

    // Scheduler: where the task is, and the parking that holds it while it waits (null otherwise).
    Where where = Where.NEW;
    int id;                    // given at spawn: 1, 2, ... per scheduler
    int resumes;               // how often it has run
    long whereSince;           // when it got where it is, on the scheduler's clock
    Parking parking;
    Scheduler scheduler;
    boolean cancelRequested;
    boolean cancelAtNextTrap;  // Places.deliverCancel: a gentle cancel that came after a get's message
    // LiveTasks: the scheduler's list of tasks spawned and not ended.
    Task<?> previousLive;
    Task<?> nextLive;
    // The rest, which most tasks never set: made the first time one is.
    private Extra extra;

    /**
     * A task's fields that most tasks never set, kept apart so that an idle connection's task
     * stays small (its memory is most of what an idle connection costs).
     */
    static final class Extra {
        String name;
        // Scheduler, when the task ends: how it ended, unless it returned null.
        Object result;
        Throwable failure;         // what its body threw; TaskCancelled if it was cancelled
        WaitQueue joiners;         // tasks waiting for it to end, made on the first join
        TaskGroup group;           // the group it was spawned into, if any
        // Tasks: the deadlines of the timeoutAfter blocks it is inside, innermost first.
        Deadline deadlines;
        // Mailbox: a put waiting for room.
        Object pendingMessage;
        // What the task is resumed with when it next runs, if not null: a get's message (Mailbox),
        // or an error thrown in instead (Scheduler: a timeout, a cancel, a closed channel). Most
        // wake-ups carry neither: I/O, time.
        Object resumeValue;
        Throwable resumeError;
        // TimerQueue: the task's deadline (its sleep's, or its wait's) and its place in the heap,
        // while it has one.
        long deadline;
        long timerOrder;
        int timerIndex = -1;
    }

    /** The task's extra fields, made now if need be: for setting one. */
    final Extra extra() {
        Extra made = extra;
        if (made == null) {
            made = new Extra();
            extra = made;
        }
        return made;
    }

    final Deadline deadlines() {
        return extra == null ? null : extra.deadlines;
    }

    final Throwable failure() {
        return extra == null ? null : extra.failure;
    }

    final WaitQueue joiners() {
        return extra == null ? null : extra.joiners;
    }

    final TaskGroup group() {
        return extra == null ? null : extra.group;
    }

    final Object pendingMessage() {
        return extra == null ? null : extra.pendingMessage;
    }

    final Object resumeValue() {
        return extra == null ? null : extra.resumeValue;
    }

    final Throwable resumeError() {
        return extra == null ? null : extra.resumeError;
    }

    /** Forgets what the task was to be resumed with: it has been, or it has ended. */
    final void clearResume() {
        if (extra != null) {
            extra.resumeValue = null;
            extra.resumeError = null;
        }
    }

    /** The task's index in its scheduler's timer heap; -1 while it has no deadline. */
    final int timerIndex() {
        return extra == null ? -1 : extra.timerIndex;
    }

    /** How the task ended: kept only if it did not simply return null. */
    final void ended(Object result, Throwable failure) {
        if (result != null || failure != null || extra != null) {
            extra().result = result;
            extra.failure = failure;
        }
    }

    /** For subclasses that override {@code body()}; named after the class. */
    protected Task() {
    }

    public Task(String name, Body<Trap, Object, R> body) {
        super(body);
        if (name != null) {
            extra().name = name;
        }
    }

    /**
     * A recv or send the scheduler can answer at once (the client is streaming in, the last write
     * went through whole) is answered inside the yield: the task goes on as it would after
     * suspending and being resumed in the same step, in the same order, and counted against the
     * step's budget the same way, without Kilim unwinding and rebuilding its frames (BENCHMARKS.md:
     * CPU per echoed message). Every other trap suspends the task.
     */
    @Override
    protected final boolean answersAtOnce(Trap trap) {
        Scheduler running = scheduler;
        return running != null && running.answersAtOnce(this, trap);
    }

    /**
     * Waits until this task has ended, from inside another task, and returns its result; if it
     * failed or was cancelled, throws {@link TaskError} with what ended it as the cause.
     */
    public final R join() throws Pausable {
        Tasks.trap(new Trap.Join(this));
        return result();
    }

    /**
     * Cancels this task, from inside another task, and waits until it has ended:
     * {@link TaskCancelled} is raised at its current wait, so its {@code finally} blocks run
     * (and may wait themselves). Cancelling a task that has ended does nothing.
     */
    public final void cancel() throws Pausable {
        Tasks.trap(new Trap.Cancel(this));
    }

    /** Whether the task has ended: returned, failed or was cancelled. */
    public final boolean isDone() {
        return where == Where.DONE;
    }

    /**
     * What the task returned, once it has ended; if it failed or was cancelled, throws
     * {@link TaskError} with what ended it as the cause.
     *
     * @throws IllegalStateException if it has not ended
     */
    @SuppressWarnings("unchecked")
    public final R result() {
        requireDone("result");
        if (failure() != null) {
            throw new TaskError(this, failure());
        }
        return extra == null ? null : (R) extra.result;
    }

    /**
     * What ended the task, if not a return: the exception its body threw, or
     * {@link TaskCancelled}; null if it returned.
     *
     * @throws IllegalStateException if it has not ended
     */
    public final Throwable exception() {
        requireDone("exception");
        return failure();
    }

    /** Where the task is now: waiting on what, ready, running or done. For the loop's thread. */
    public final Where where() {
        return where;
    }

    /** The task's number in its scheduler (1, 2, ... in order of spawning); 0 before it is spawned. */
    public final int id() {
        return id;
    }

    /** How often the task has been resumed: curio's {@code cycles}. */
    public final int resumes() {
        return resumes;
    }

    /** When the task got where it is ({@link #where}), on its scheduler's {@link Scheduler#clock}. */
    public final long whereSince() {
        return whereSince;
    }

    /**
     * Runs instead of the body when the task is cancelled before it ever ran: closing a
     * generator that has not started runs none of its code (as in Python), so a task handed
     * resources when it was made releases them here.
     */
    protected void cancelledBeforeStart() {
    }

    private void requireDone(String what) {
        if (where != Where.DONE) {
            throw new IllegalStateException("task has not ended, so it has no " + what + " yet: " + this
                    + " (" + where + "); join() waits for it");
        }
    }

    @Override
    public String toString() {
        String name = extra == null ? null : extra.name;
        return name != null ? name : getClass().getSimpleName();
    }
}
