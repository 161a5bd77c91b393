package weft.scheduler;

/**
 * Raised inside a task, at its recv or send trap, when that one wait lasted longer than the
 * channel's timeout ({@link Pollable#setTimeout}): Python's {@code socket.timeout}, curio's
 * {@code TaskTimeout}.
 */
public final class TaskTimeout extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TaskTimeout(String message) {
        super(message, null, false, false);
    }
}
