package dev.weft.bench;

/** A reply byte that is not the one expected, or a byte where no reply was expected. */
final class VerificationError extends Exception {
    private static final long serialVersionUID = 1L;

    VerificationError(String message) {
        super(message, null, false, false);
    }
}
