package dev.weft.bench;

/**
 * What went wrong during a run. Connect retries are not errors (a full listen backlog makes
 * them normal); everything else is, and makes the run exit non-zero.
 */
final class Errors {
    /** Printed in full to standard error; later ones are only counted. */
    private static final int DETAILS_SHOWN = 5;

    long connectRetries;
    /** Connections that could not be set up before the connect deadline. */
    long connectFailures;
    /** Replies whose bytes differ from what was sent, or that came unasked. */
    long verification;
    /** Connections the server closed or reset while the run needed them. */
    long io;
    boolean serverDied;

    private int detailsShown;

    long total() {
        return connectFailures + verification + io;
    }

    void verification(Connection connection, VerificationError error) {
        verification++;
        detail("connection " + connection.id + ": " + error.getMessage());
    }

    void io(Connection connection, Exception error) {
        io++;
        detail("connection " + connection.id + ": " + error);
    }

    private void detail(String message) {
        if (detailsShown++ < DETAILS_SHOWN) {
            System.err.println("echo-bench: " + message);
        }
    }
}
