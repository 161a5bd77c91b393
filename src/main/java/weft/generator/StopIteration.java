package weft.generator;

/**
 * Signals that a generator has finished, carrying its body's return value: Python's
 * {@code StopIteration}, whose {@code value} attribute is what the generator returned.
 *
 * <p>It is control flow, not an error, so it records no stack trace (an exception per
 * finished task would otherwise cost a stack walk).
 */
public final class StopIteration extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Object value;

    public StopIteration(Object value) {
        super(value == null ? null : "returned " + value, null, false, false);
        this.value = value;
    }

    /** What the body returned; null for a body that returned nothing, or was already finished. */
    public Object value() {
        return value;
    }
}
