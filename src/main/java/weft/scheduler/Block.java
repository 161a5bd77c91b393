package weft.scheduler;

import kilim.Pausable;

/**
 * A piece of a task's code that may wait: the body of {@link Tasks#timeoutAfter},
 * {@link Tasks#ignoreAfter} and {@link TaskGroup#run}. Kilim weaves the lambda like any
 * Pausable method.
 *
 * @param <T> what it returns
 */
@FunctionalInterface
public interface Block<T> {
    T run() throws Pausable;
}
