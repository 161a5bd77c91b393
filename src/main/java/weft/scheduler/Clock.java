package weft.scheduler;

/**
 * Where the scheduler reads the time, in nanoseconds on an arbitrary origin (like
 * {@link System#nanoTime}). Tests hand the scheduler a clock they move themselves, as trio's
 * {@code MockClock}, so timers and timeouts are tested without waiting and without races.
 */
@FunctionalInterface
public interface Clock {
    long nanoTime();

    Clock SYSTEM = System::nanoTime;
}
