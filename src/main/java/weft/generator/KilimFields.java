package weft.generator;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import kilim.Continuation;
import kilim.Fiber;
import kilim.State;

/**
 * The private fields of Kilim 2.0.2 weft reaches into: a continuation's fiber, and the fiber's
 * stack of suspended frames ({@code stateStack}, one {@link State} a frame).
 */
final class KilimFields {
    /**
     * Frames a new generator's stack has room for: an echo handler suspended in its
     * {@code yield} is five deep, and an array of six takes no more memory than one of five.
     * Kilim starts every fiber with room for 10 and doubles it when a body goes deeper, so a
     * deeper body pays once, while the 16 bytes saved are saved by every task.
     */
    static final int FIRST_STACK_SIZE = 6;

    private static final VarHandle FIBER = field(Continuation.class, "fiber", Fiber.class);
    private static final VarHandle STATES = field(Fiber.class, "stateStack", State[].class);

    private KilimFields() {}

    /** Gives {@code frame}'s fiber, not yet run, a stack of {@link #FIRST_STACK_SIZE} frames. */
    static void startSmall(Continuation frame) {
        Fiber fiber = (Fiber) FIBER.get(frame);
        STATES.set(fiber, new State[FIRST_STACK_SIZE]);
    }

    /** The states of {@code frame}'s suspended frames, outermost first, then nulls. */
    static State[] states(Continuation frame) {
        Fiber fiber = (Fiber) FIBER.get(frame);
        return fiber == null ? new State[0] : (State[]) STATES.get(fiber);
    }

    private static VarHandle field(Class<?> owner, String name, Class<?> type) {
        try {
            return MethodHandles.privateLookupIn(owner, MethodHandles.lookup()).findVarHandle(owner, name, type);
        } catch (NoSuchFieldException | IllegalAccessException e) {
            throw new IllegalStateException("not the Kilim 2.0.2 weft knows: no " + owner.getName() + "." + name, e);
        }
    }
}
