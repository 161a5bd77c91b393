package weft.scheduler;

/**
 * Raised inside a task at its current wait when it is cancelled ({@link Task#cancel}, a task
 * group cancelling its children, a stop): curio's {@code TaskCancelled}, Python's
 * {@code CancelledError}. The task's {@code finally} blocks run, and it ends.
 *
 * <p>It is an Error, as Python's is a {@code BaseException}, so that {@code catch (Exception e)}
 * does not swallow it. A task may catch it to clean up, but should let it go on.
 */
public final class TaskCancelled extends Error {
    private static final long serialVersionUID = 1L;

    public TaskCancelled() {
        super("task cancelled", null, false, false);
    }
}
