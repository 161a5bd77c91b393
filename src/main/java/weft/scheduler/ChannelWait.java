package weft.scheduler;

import java.time.Duration;

/**
 * One channel's waiting slot for one direction: the entry for that channel in the seed's
 * {@code recv_wait} or {@code send_wait}. It lives on the channel, so parking and waking a task
 * cost no allocation and no hashing; the scheduler's {@link IoWaitingArea} counts the slots in
 * use, and only {@link #park} and {@link #remove} change slot and count, together.
 *
 * <p>The slot is also the trap that waits in it ({@link Trap#recv}, {@link Trap#send}): one
 * object per channel and direction, where a trap of its own would be a second (an idle
 * connection's memory is mostly such small objects).
 */
final class ChannelWait implements Parking, Trap {
    final Pollable channel;
    private IoWaitingArea area;   // the recv or send area: set by the first park, then the same
    private Task<?> waiter;

    ChannelWait(Pollable channel) {
        this.channel = channel;
    }

    boolean isRecv() {
        return this == channel.recvWait;
    }

    /** Fails if another task already waits here. */
    void requireFree() {
        if (waiter != null) {
            throw new IllegalStateException("another task already waits to " + verb() + " on this channel: " + waiter);
        }
    }

    void park(Task<?> task, IoWaitingArea area) {
        requireFree();
        this.area = area;
        waiter = task;
        area.size++;
    }

    /** The task waiting here, or null. */
    Task<?> waiter() {
        return waiter;
    }

    @Override
    public void remove(Task<?> task) {
        waiter = null;
        area.size--;
    }

    @Override
    public Where where() {
        return isRecv() ? Where.RECV : Where.SEND;
    }

    @Override
    public RuntimeException timedOut() {
        return new TaskTimeout("no progress for " + Duration.ofNanos(channel.timeoutNanos).toMillis()
                + " ms waiting to " + verb());
    }

    private String verb() {
        return isRecv() ? "recv" : "send";
    }
}
