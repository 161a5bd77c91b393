package weft.scheduler;

import java.util.ArrayDeque;

/**
 * A bounded queue that tasks hand each other messages through, waiting the way they wait for
 * sockets: {@code get} waits while it is empty, {@code put} while it is full. It is the third
 * kind of waiting area of the scheduler's loop (the user's "custom mailbox scheduler"), and like
 * the others it holds its waiting tasks itself, in arrival order.
 *
 * <pre>
 * this.yield(put(box, "job"));                  // producer
 * String job = (String) this.yield(get(box));   // consumer
 * </pre>
 *
 * A mailbox belongs to the scheduler whose task first uses it: a task of another scheduler that
 * tries gets IllegalStateException at its trap. It is not thread-safe, and needs no lock.
 *
 * @param <T> the messages' type
 */
public final class Mailbox<T> {
    private final int capacity;
    private final ArrayDeque<Object> messages;
    private final WaitQueue getters = new WaitQueue(Where.GET);
    private final WaitQueue putters = new WaitQueue(Where.PUT);
    final Trap getTrap = new Trap.Get(this);
    private Scheduler owner;

    public Mailbox(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity < 1: " + capacity);
        }
        this.capacity = capacity;
        this.messages = new ArrayDeque<>(Math.min(capacity, 16));
    }

    public int capacity() {
        return capacity;
    }

    public int size() {
        return messages.size();
    }

    /** This mailbox, bound to {@code scheduler} on first use; fails for any other. */
    Mailbox<T> useFrom(Scheduler scheduler) {
        if (owner == null) {
            owner = scheduler;
        } else if (owner != scheduler) {
            throw new IllegalStateException("mailbox belongs to another scheduler: " + this);
        }
        return this;
    }

    /**
     * The {@code get} trap: the oldest message becomes what the task's yield returns (and a
     * waiting put moves in behind it), or, while empty, the task parks among the getters.
     * Returns whether it was answered at once.
     */
    boolean get(Task<?> task, Places places) {
        if (messages.isEmpty()) {
            getters.add(task);
            places.park(task, getters);
            return false;
        }
        task.resumeValue = messages.pollFirst();
        Task<?> putter = putters.oldest();
        if (putter != null) {
            Object message = putter.pendingMessage;
            places.wake(putter);
            messages.addLast(message);
        }
        return true;
    }

    /**
     * The {@code put} trap: the message goes straight to the oldest waiting getter, or into the
     * queue, or, while full, the task parks among the putters holding it. Returns whether it
     * was answered at once.
     */
    boolean put(Task<?> task, Object message, Places places) {
        Task<?> getter = getters.oldest();
        if (getter != null) {
            places.wake(getter);
            getter.resumeValue = message;
            return true;
        }
        if (messages.size() < capacity) {
            messages.addLast(message);
            return true;
        }
        task.pendingMessage = message;
        putters.add(task);
        places.park(task, putters);
        return false;
    }

    @Override
    public String toString() {
        return "Mailbox(" + messages.size() + "/" + capacity + ", " + getters.size() + " getting, "
                + putters.size() + " putting)";
    }
}
