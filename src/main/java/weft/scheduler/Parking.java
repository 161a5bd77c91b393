package weft.scheduler;

/**
 * A place where a task waits, which knows how to take it out again (trio's {@code ParkingLot}
 * and its abort function). A parked task records only its parking: whatever wakes it, cancels
 * it or times it out takes it out through {@link #remove}, so no waiting area can keep a task
 * the scheduler has moved on, and no count can drift from what the area holds.
 *
 * <p>The kinds: a channel's wait for one direction ({@link ChannelWait}), the timer queue for
 * sleepers ({@link TimerQueue}), and a mailbox's getters or putters ({@link Mailbox}).
 */
interface Parking {
    /** What a task parked here is doing. */
    Where where();

    /** Takes {@code task}, parked here, out: the only way out, whatever the reason. */
    void remove(Task<?> task);

    /** What a task parked here gets when its wait's deadline passes first. */
    default RuntimeException timedOut() {
        return new TaskTimeout("timed out waiting to " + where().name().toLowerCase());
    }
}
