package weft.scheduler;

/**
 * Raised at a task's wait when a {@link Tasks#timeoutAfter} deadline passes; the block that owns
 * the deadline turns it into {@link TaskTimeout} (or, for ignoreAfter, a null result). It is an
 * Error, like {@link TaskCancelled}, so that no {@code catch (Exception e)} between the wait and
 * its block swallows it; the blocks inside, whose deadlines have not passed, let it through.
 */
final class DeadlineExpired extends Error {
    private static final long serialVersionUID = 1L;

    final transient Deadline deadline;

    DeadlineExpired(Deadline deadline) {
        super("deadline of " + deadline.duration.toMillis() + " ms passed", null, false, false);
        this.deadline = deadline;
    }
}
