package weft.scheduler;

/**
 * Waiting on one channel in one direction: the trap that waits ({@link Trap#recv},
 * {@link Trap#send}), and the {@link Parking} of the task that waits, whose entry in the seed's
 * {@code recv_wait} or {@code send_wait} is a field of the channel ({@link Pollable#recvWaiter},
 * {@link Pollable#sendWaiter}). So parking and waking a task cost no allocation and no hashing;
 * the scheduler's {@link IoWaitingArea} counts the tasks waiting, and only {@link #park} and
 * {@link #remove} change entry and count, together.
 *
 * <p>One object per channel and direction, and only its channel in it: 16 bytes, where the
 * waiting task kept here too would make it 24 (an idle connection's memory is mostly such small
 * objects, and the channel has room for the task).
 */
final class ChannelWait implements Parking, Trap {
    final Pollable channel;

    ChannelWait(Pollable channel) {
        this.channel = channel;
    }

    boolean isRecv() {
        return this == channel.recvWait;
    }

    /** Fails if another task already waits here. */
    void requireFree() {
        Task<?> waiter = waiter();
        if (waiter != null) {
            throw new IllegalStateException("another task already waits to " + verb() + " on this channel: " + waiter);
        }
    }

    void park(Task<?> task) {
        requireFree();
        setWaiter(task);
        area(task).size++;
    }

    /** The task waiting here, or null. */
    Task<?> waiter() {
        return isRecv() ? channel.recvWaiter : channel.sendWaiter;
    }

    @Override
    public void remove(Task<?> task) {
        setWaiter(null);
        area(task).size--;
    }

    @Override
    public Where where() {
        return isRecv() ? Where.RECV : Where.SEND;
    }

    @Override
    public RuntimeException timedOut() {
        return new TaskTimeout("no progress for " + channel.timeout.toMillis() + " ms waiting to " + verb());
    }

    private void setWaiter(Task<?> task) {
        if (isRecv()) {
            channel.recvWaiter = task;
        } else {
            channel.sendWaiter = task;
        }
    }

    /** Where {@code task}'s scheduler counts the tasks waiting in this direction. */
    private IoWaitingArea area(Task<?> task) {
        Places places = task.scheduler.places();
        return isRecv() ? places.recvWait : places.sendWait;
    }

    private String verb() {
        return isRecv() ? "recv" : "send";
    }
}
