package weft.scheduler;

/**
 * What {@link Task#join} and {@link Task#result} throw for a task that failed or was cancelled,
 * and what comes out of a {@link TaskGroup} whose child failed: curio's {@code TaskError}. The
 * cause is what ended the task, unchanged.
 */
public final class TaskError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Task<?> task;

    public TaskError(Task<?> task, Throwable cause) {
        super("task " + task + (cause instanceof TaskCancelled ? " was cancelled" : " failed: " + cause), cause);
        this.task = task;
    }

    /** The task that failed. */
    public Task<?> task() {
        return task;
    }
}
