package weft.generator;

import kilim.Pausable;

/**
 * A generator's body as a lambda: {@code new Generator<>(g -> { g.yield(1); return "done"; })}.
 * The body suspends wherever it calls {@link Generator#yield}, and Kilim weaves the lambda like
 * any other Pausable method.
 *
 * @param <Y> what the body yields
 * @param <S> what {@code send} passes in
 * @param <R> what the body returns
 */
@FunctionalInterface
public interface Body<Y, S, R> {
    R run(Generator<Y, S, R> self) throws Pausable;
}
