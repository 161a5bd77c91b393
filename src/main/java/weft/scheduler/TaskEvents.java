package weft.scheduler;

/**
 * What the scheduler reports about tasks ending: where the seed's {@code run()} prints
 * {@code Task done}. A failed task is reported once, on one line's worth of information,
 * and never stops the loop.
 */
public interface TaskEvents {
    /** The task's body returned. */
    void taskDone(Task<?> task);

    /** The task's body threw {@code error}; it has ended, everything else goes on. */
    void taskFailed(Task<?> task, Throwable error);

    /** Reports nothing: for embedding and tests. */
    TaskEvents SILENT = new TaskEvents() {
        @Override
        public void taskDone(Task<?> task) { }

        @Override
        public void taskFailed(Task<?> task, Throwable error) { }
    };
}
