package weft.scheduler;

/**
 * Where a task is: the one answer to "what is this task doing now?". A task waits in exactly one
 * place at a time, and only the scheduler moves it.
 */
public enum Where {
    /** Made, not yet spawned. */
    NEW,
    /** On the ready queue: it runs when its turn comes. */
    READY,
    /** Running now, on the loop's thread. */
    RUNNING,
    /** Waiting until its channel can be read (or, for a listener, accepted on). */
    RECV,
    /** Waiting until its channel can be written. */
    SEND,
    /** Waiting until a time. */
    SLEEP,
    /** Waiting for a message in an empty mailbox. */
    GET,
    /** Waiting for room in a full mailbox. */
    PUT,
    /** Waiting for another task to end (join, cancel), or for a task group's children. */
    JOIN,
    /** Ended: returned, failed or cancelled. */
    DONE
}
