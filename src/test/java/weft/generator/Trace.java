package weft.generator;

import java.util.ArrayList;
import java.util.function.Supplier;

/**
 * What a scenario's bodies logged and what each call on a generator gave, one line each, spelled
 * as the Python side of the scenario (src/test/resources/generator/*.py) prints it: None for
 * null, {@code misuse(message)} for IllegalStateException (Python's ValueError, TypeError and
 * RuntimeError), GEN_SUSPENDED for a state.
 */
final class Trace extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    /** An exception of the scenarios' own, Python's {@code class Boom(Exception)}. */
    static final class Boom extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Boom(String message) {
            super(message);
        }
    }

    /** Records "what -> value", or "what raised X" for what the call threw. */
    void call(String what, Supplier<?> call) {
        try {
            add(what + " -> " + show(call.get()));
        } catch (Throwable e) {
            add(what + " raised " + describe(e));
        }
    }

    /** The same for a call that returns nothing (Python's None). */
    void run(String what, Runnable call) {
        call(what, () -> {
            call.run();
            return null;
        });
    }

    void state(String name, Generator<?, ?, ?> generator) {
        add(name + " GEN_" + generator.state());
    }

    static String show(Object value) {
        return value == null ? "None" : value.toString();
    }

    static String describe(Throwable e) {
        if (e instanceof StopIteration stop) {
            return "StopIteration(" + show(stop.value()) + ")";
        }
        if (e instanceof GeneratorExit) {
            return "GeneratorExit";
        }
        if (e instanceof Boom) {
            return "Boom(" + e.getMessage() + ")";
        }
        if (e instanceof IllegalStateException) {
            return "misuse(" + e.getMessage() + ")";
        }
        return e.getClass().getSimpleName() + "(" + e.getMessage() + ")";
    }
}
