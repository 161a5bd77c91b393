package weft.scheduler;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import kilim.Pausable;
import weft.generator.GeneratorExit;

/**
 * Tasks that live and die together: trio's nursery, curio's {@code TaskGroup}, Loom's
 * structured concurrency. {@link #run} runs a block that spawns children into the group and
 * does not return until every child has ended, so no task outlives the code that started it.
 *
 * <pre>
 * trio                                        weft
 * async with trio.open_nursery() as n:        TaskGroup.run(group -&gt; {
 *     n.start_soon(reader, client)                group.spawn(new Reader(client));
 *     n.start_soon(writer, client)                group.spawn(new Writer(client));
 *                                                 return null;
 *                                             });
 * </pre>
 *
 * <ul>
 *   <li>A child that fails cancels its siblings and the block (at their current waits), and
 *       once all have ended its failure comes out of {@code run} as {@link TaskError}.</li>
 *   <li>A block that throws cancels the children, waits for them, and its exception comes out.</li>
 *   <li>Cancelling the task that runs the block (or a deadline passing around it) cancels the
 *       children too, and waits for them, before the cancellation goes on.</li>
 * </ul>
 */
public final class TaskGroup {

    /** The block: spawns children into {@code group}, and may wait like any task code. */
    @FunctionalInterface
    public interface Body<T> {
        T run(TaskGroup group) throws Pausable;
    }

    private final Task<?> parent;
    private final List<Task<?>> children = new ArrayList<>();
    final WaitQueue waiting = new WaitQueue(Where.JOIN);   // the parent, while it waits for the children
    int running;                                           // Scheduler: children not yet ended
    private Task<?> failed;                                // the first child that failed
    private boolean cancelledParent;

    private TaskGroup(Task<?> parent) {
        this.parent = parent;
    }

    /**
     * Runs {@code body} with a new group, then waits until every child has ended; returns what
     * the body returned. See the class comment for failures and cancellation.
     */
    public static <T> T run(Body<T> body) throws Pausable {
        TaskGroup group = new TaskGroup(Tasks.current());
        T value;
        try {
            value = body.run(group);
        } catch (GeneratorExit forced) { // a hard stop: no waiting now, the children end with it
            group.parent.scheduler.cancelAll(group.children);
            throw forced;
        } catch (Throwable ended) {
            group.cancelChildren();
            Throwable outcome = group.awaitChildren(ended);
            throw Tasks.<RuntimeException>sneaky(outcome);
        }
        Throwable outcome = group.awaitChildren(null);
        if (outcome != null) {
            throw Tasks.<RuntimeException>sneaky(outcome);
        }
        return value;
    }

    /** Starts {@code task} as a child of this group; returns it, as a handle. */
    public <R> Task<R> spawn(Task<R> task) throws Pausable {
        Objects.requireNonNull(task, "task");
        if (task.where != Where.NEW) {
            throw new IllegalStateException("task already started: " + task);
        }
        if (Tasks.current() != parent) {
            throw new IllegalStateException("only the task running the group's block may spawn into it");
        }
        task.extra().group = this;
        Tasks.spawn(task);
        children.add(task);
        running++;
        return task;
    }

    /** The children spawned so far, ended ones included. */
    public List<Task<?>> tasks() {
        return Collections.unmodifiableList(children);
    }

    /** A child has ended (the scheduler tells): its failure cancels the others and the block. */
    void childEnded(Task<?> child) {
        running--;
        if (failed == null && child.failure() != null && !(child.failure() instanceof TaskCancelled)) {
            failed = child;
            cancelChildren();
            if (parent.where != Where.DONE && parent.parking != waiting) {
                cancelledParent = true;
                parent.scheduler.deliverCancel(parent);
            }
        }
    }

    private void cancelChildren() {
        for (Task<?> child : children) {
            if (child.where != Where.DONE) {
                child.scheduler.deliverCancel(child);
            }
        }
    }

    /**
     * Waits until every child has ended, cancelling them if the wait itself is cancelled; returns
     * what should come out of the block: a child's failure first, then what ended the block.
     */
    private Throwable awaitChildren(Throwable ended) throws Pausable {
        while (running > 0) {
            try {
                Tasks.trap(new Trap.JoinGroup(this));
            } catch (TaskCancelled | DeadlineExpired cancelled) {
                ended = ended == null ? cancelled : ended;
                cancelChildren();
            } catch (GeneratorExit forced) {
                parent.scheduler.cancelAll(children);
                throw forced;
            }
        }
        if (failed != null && (ended == null || cancelledParent && ended instanceof TaskCancelled)) {
            return new TaskError(failed, failed.failure());
        }
        return ended;
    }
}
