package weft.testing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import weft.scheduler.Clock;

/**
 * A clock that moves only when the test says so (trio's {@code MockClock}): timers and timeouts
 * are tested by moving it past their deadlines, not by waiting for them on a busy machine.
 */
public final class ManualClock implements Clock {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a clock does not go back: " + duration);
        }
        nanos.addAndGet(duration.toNanos());
    }
}
