package weft.generator;

/**
 * Raised inside a generator's body, at its suspension point, by {@link Generator#close()}, so
 * that its {@code finally} blocks run: Python's {@code GeneratorExit}.
 *
 * <p>It extends {@link Error}, not {@link Exception}, for the reason Python makes it a
 * {@code BaseException}: a body's {@code catch (Exception e)} must not swallow it. A body may
 * catch it, but must then return or throw, never yield again.
 */
public final class GeneratorExit extends Error {
    private static final long serialVersionUID = 1L;

    public GeneratorExit() {
        super("generator closed", null, false, false);
    }
}
