package weft.transport;

/** A transport was asked for by name where it cannot run; the message says why, in one line. */
public final class TransportUnavailable extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    TransportUnavailable(String message) {
        super(message);
    }
}
