package weft.scheduler;

import java.time.Duration;
import java.util.Objects;

import kilim.Pausable;
import weft.transport.Transport;

/**
 * What a task's code calls to spawn, sleep and bound its waits in time: curio's and trio's
 * functions, as static Pausable methods. Each suspends the calling task through a
 * {@link Trap}, so it works at any depth of Pausable calls inside a task's body, like Python's
 * {@code await}.
 *
 * <pre>
 * curio                                   weft ({@code import static weft.scheduler.Tasks.*})
 * t = await spawn(coro)                   Task&lt;R&gt; t = spawn(task);
 * await sleep(0.5)                        sleep(Duration.ofMillis(500));
 * await current_task()                    current()
 * await timeout_after(2, coro)            timeoutAfter(Duration.ofSeconds(2), () -&gt; ...);   TaskTimeout
 * await ignore_after(2, coro)             ignoreAfter(Duration.ofSeconds(2), () -&gt; ...);    null
 * </pre>
 *
 * <p>Called anywhere but inside a running task's body, they throw IllegalStateException.
 */
public final class Tasks {
    /** The scheduler this thread runs, set as it turns; its running task is the caller. */
    static final ThreadLocal<Scheduler> LOOP = new ThreadLocal<>();

    private Tasks() {}

    /** The task whose body is running: the caller. */
    public static Task<?> current() {
        Scheduler scheduler = LOOP.get();
        Task<?> task = scheduler == null ? null : scheduler.running();
        if (task == null) {
            throw new IllegalStateException("not inside a running task: weft's Pausable task functions "
                    + "work only in the body of a task a Scheduler runs");
        }
        return task;
    }

    /** The transport of the scheduler running the caller: what a socket it opens must use. */
    public static Transport transport() {
        return current().scheduler.transport();
    }

    /** Starts {@code task}: it joins the back of the ready queue, and the caller goes on. Returns it, as a handle. */
    public static <R> Task<R> spawn(Task<R> task) throws Pausable {
        trap(Trap.spawn(task));
        return task;
    }

    /** Waits until {@code duration} has passed; zero lets every other ready task run first. */
    public static void sleep(Duration duration) throws Pausable {
        trap(Trap.sleep(duration));
    }

    /**
     * Runs {@code body}; if it is still waiting when {@code timeout} has passed, the wait ends
     * with {@link TaskTimeout} coming out of this call. Blocks nest: the deadline that passes
     * first ends the wait, and only the block that set it reports a timeout; an outer block's
     * expiry passes through the inner ones untouched.
     */
    public static <T> T timeoutAfter(Duration timeout, Block<T> body) throws Pausable {
        return within(timeout, body, true);
    }

    /** Like {@link #timeoutAfter}, but returns null when its deadline passes instead of throwing. */
    public static <T> T ignoreAfter(Duration timeout, Block<T> body) throws Pausable {
        return within(timeout, body, false);
    }

    /** Runs {@code body} under a deadline; when this deadline (not another) passes, throws or returns null. */
    private static <T> T within(Duration timeout, Block<T> body, boolean raise) throws Pausable {
        Deadline deadline = enter(timeout);
        try {
            return body.run();
        } catch (DeadlineExpired expired) {
            if (expired.deadline != deadline) {
                throw expired;
            }
            if (raise) {
                throw new TaskTimeout("timed out after " + timeout.toMillis() + " ms");
            }
            return null;
        } finally {
            leave(deadline);
        }
    }

    /**
     * Yields {@code trap} through the running task, wherever in its Pausable calls the caller
     * is, and returns what the yield returns: how a Pausable helper waits, like the lesson's
     * {@code GenSocket.recv} doing {@code yield 'recv', self.sock}.
     */
    public static Object trap(Trap trap) throws Pausable {
        return current().yield(trap);
    }

    /** Throws {@code error}, checked or not, unchanged. */
    @SuppressWarnings("unchecked")
    static <T extends Throwable> T sneaky(Throwable error) throws T {
        throw (T) error;
    }

    private static Deadline enter(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout < 0: " + timeout);
        }
        Task<?> task = current();
        long now = task.scheduler.clockNanos();
        Deadline deadline = new Deadline(now + timeout.toNanos(), timeout, task.deadlines());
        task.extra().deadlines = deadline;
        return deadline;
    }

    private static void leave(Deadline deadline) {
        current().extra().deadlines = deadline.outer;
    }
}
