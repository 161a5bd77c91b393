package weft.cli;

/** A failure the user can act on, reported as one line (exit code 1); never a stack trace. */
final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UserError(String message) {
        super(message, null, false, false);
    }
}
