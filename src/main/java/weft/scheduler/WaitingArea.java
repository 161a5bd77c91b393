package weft.scheduler;

import java.nio.channels.SelectionKey;

/**
 * Tasks parked until their channel is ready for one kind of I/O: the seed's {@code recv_wait}
 * or {@code send_wait}. A parked task sits in its channel's own slot (see {@link Pollable}),
 * and the channel's selector interest follows: a channel one task waits on is watched.
 */
final class WaitingArea {
    private final Task.Place place;
    private int size;

    private WaitingArea(Task.Place place) {
        this.place = place;
    }

    static WaitingArea forRecv() {
        return new WaitingArea(Task.Place.RECV);
    }

    static WaitingArea forSend() {
        return new WaitingArea(Task.Place.SEND);
    }

    Task.Place place() {
        return place;
    }

    int size() {
        return size;
    }

    void park(Pollable channel, Task task) {
        if (waiter(channel) != null) {
            throw new IllegalStateException("another task already waits to " + verb() + " on this channel: "
                    + waiter(channel));
        }
        setWaiter(channel, task);
        size++;
        channel.want(op(channel));
    }

    /** Takes the task waiting on {@code channel}, if any; the selector interest stays (see Scheduler). */
    Task wake(Pollable channel) {
        Task task = waiter(channel);
        if (task != null) {
            setWaiter(channel, null);
            size--;
        }
        return task;
    }

    int op(Pollable channel) {
        return place == Task.Place.RECV ? channel.readOp : SelectionKey.OP_WRITE;
    }

    private Task waiter(Pollable channel) {
        return place == Task.Place.RECV ? channel.recvWaiter : channel.sendWaiter;
    }

    private void setWaiter(Pollable channel, Task task) {
        if (place == Task.Place.RECV) {
            channel.recvWaiter = task;
        } else {
            channel.sendWaiter = task;
        }
    }

    private String verb() {
        return place == Task.Place.RECV ? "recv" : "send";
    }
}
