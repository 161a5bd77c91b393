package weft.scheduler;

import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * The timer queue: sleeping tasks, and the deadlines of channels with a timeout. The loop's
 * poll waits no longer than the earliest deadline.
 *
 * <p>Entries are never removed early. A sleep that was cancelled, or a channel deadline that
 * moved later, is checked when its entry comes due: that keeps every park O(1), and a busy
 * connection with a timeout costs one entry per timeout period, not one per message.
 */
final class Timers {
    /** A deadline for a sleeping task or for a watched channel. */
    static final class Entry {
        final long deadline;
        final long order;
        final Task sleeper;
        final Pollable channel;

        private Entry(long deadline, long order, Task sleeper, Pollable channel) {
            this.deadline = deadline;
            this.order = order;
            this.sleeper = sleeper;
            this.channel = channel;
        }
    }

    // Same deadline: first come, first woken.
    private final PriorityQueue<Entry> queue = new PriorityQueue<>(
            Comparator.<Entry>comparingLong(entry -> entry.deadline).thenComparingLong(entry -> entry.order));
    private long order;

    Entry sleep(Task task, long deadline) {
        Entry entry = new Entry(deadline, order++, task, null);
        queue.add(entry);
        return entry;
    }

    void watch(Pollable channel, long deadline) {
        queue.add(new Entry(deadline, order++, null, channel));
    }

    /** Nanoseconds from {@code now} to the earliest deadline: 0 if one is due, Long.MAX_VALUE if none. */
    long nanosUntilNext(long now) {
        Entry first = queue.peek();
        return first == null ? Long.MAX_VALUE : Math.max(0, first.deadline - now);
    }

    /** The next entry due at {@code now}, or null. */
    Entry pollDue(long now) {
        Entry first = queue.peek();
        return first != null && first.deadline - now <= 0 ? queue.poll() : null;
    }
}
