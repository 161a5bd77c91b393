package weft.scheduler;

import java.time.Duration;

/**
 * The deadline of one {@link Tasks#timeoutAfter} or {@link Tasks#ignoreAfter} block, linked to
 * the blocks around it: a task's deadlines form a stack, innermost first. Every wait inside
 * ends by its task's earliest deadline; when several have passed, the outermost one is the one
 * that expired, so an inner block never takes an outer block's expiry for its own (curio's rule).
 */
final class Deadline {
    final long at;
    final Duration duration;
    final Deadline outer;

    Deadline(long at, Duration duration, Deadline outer) {
        this.at = at;
        this.duration = duration;
        this.outer = outer;
    }

    /** The earliest of this deadline and those around it. */
    long earliest() {
        long earliest = at;
        for (Deadline deadline = outer; deadline != null; deadline = deadline.outer) {
            if (deadline.at - earliest < 0) {
                earliest = deadline.at;
            }
        }
        return earliest;
    }

    /** The outermost deadline that has passed at {@code now}, or null. */
    static Deadline outermostPassed(Deadline innermost, long now) {
        Deadline passed = null;
        for (Deadline deadline = innermost; deadline != null; deadline = deadline.outer) {
            if (deadline.at - now <= 0) {
                passed = deadline;
            }
        }
        return passed;
    }
}
