package weft.scheduler;

import java.util.ArrayDeque;
import java.util.Objects;

import kilim.Pausable;

/**
 * A bounded queue that tasks hand each other messages through, waiting the way they wait for
 * sockets: {@code get} waits while it is empty, {@code put} while it is full. It is the third
 * kind of waiting area of the scheduler's loop (the user's "custom mailbox scheduler"), and like
 * the others it holds its waiting tasks itself, in arrival order.
 *
 * <pre>
 * box.put("job");                               // producer, inside a task
 * String job = box.get();                       // consumer, inside a task
 * this.yield(Trap.put(box, "job"));             // the same, as the seed's explicit traps
 * box.offer("job");                             // no waiting: false if full
 * String next = box.poll();                     // no waiting: null if empty
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

    /**
     * Takes the oldest message, waiting while the mailbox is empty: from inside a task, at any
     * depth of Pausable calls.
     */
    @SuppressWarnings("unchecked")
    public T get() throws Pausable {
        return (T) Tasks.trap(getTrap);
    }

    /** Adds {@code message}, waiting while the mailbox is full: from inside a task. */
    public void put(T message) throws Pausable {
        Tasks.trap(Trap.put(this, message));
    }

    /**
     * Adds {@code message} without waiting, from the loop's thread: inside a task that must not
     * wait (a broadcast that drops or cuts off a full receiver rather than be held up by it), or
     * outside any task (work a {@link LoopHandle} hands over, say). It goes to the oldest waiting
     * getter, or to the queue. Returns false, changing nothing, if the mailbox is full.
     */
    public boolean offer(T message) {
        Objects.requireNonNull(message, "message");
        if (owner != null) {
            owner.requireLoopThread("offer");
        }
        return deliver(message);
    }

    /**
     * Takes the oldest message without waiting, from the loop's thread; null if the mailbox is
     * empty. A put waiting for room moves in behind it, as after {@link #get}. The counterpart of
     * {@link #offer}: for a task that gathers what is queued into one batch (one write for many
     * messages) with one {@code get} for the first and no trap, and so no turn of the loop, for
     * the others.
     */
    @SuppressWarnings("unchecked")
    public T poll() {
        if (messages.isEmpty()) {
            return null;
        }
        if (owner != null) {
            owner.requireLoopThread("poll");
        }
        return (T) take();
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
    boolean get(Task<?> task, Scheduler scheduler) {
        if (messages.isEmpty()) {
            getters.add(task);
            scheduler.parked(task, getters, false, 0);
            return false;
        }
        task.extra().resumeValue = take();
        return true;
    }

    /**
     * The {@code put} trap: the message goes straight to the oldest waiting getter, or into the
     * queue, or, while full, the task parks among the putters holding it. Returns whether it
     * was answered at once.
     */
    boolean put(Task<?> task, Object message, Scheduler scheduler) {
        if (deliver(message)) {
            return true;
        }
        task.extra().pendingMessage = message;
        putters.add(task);
        scheduler.parked(task, putters, false, 0);
        return false;
    }

    /** Hands {@code message} to the oldest waiting getter, or queues it; false, changing nothing, if full. */
    private boolean deliver(Object message) {
        Task<?> getter = getters.oldest(); // only once bound to a scheduler can a task wait here
        if (getter != null) {
            owner.places().wake(getter);
            getter.extra().resumeValue = message;
            return true;
        }
        if (messages.size() == capacity) {
            return false;
        }
        messages.addLast(message);
        return true;
    }

    /** The oldest message, of a mailbox that has one; a put waiting for room moves in behind it. */
    private Object take() {
        Object message = messages.pollFirst();
        Task<?> putter = putters.oldest();
        if (putter != null) {
            Object waiting = putter.pendingMessage();
            owner.places().wake(putter);
            messages.addLast(waiting);
        }
        return message;
    }

    @Override
    public String toString() {
        return "Mailbox(" + messages.size() + "/" + capacity + ", " + getters.size() + " getting, "
                + putters.size() + " putting)";
    }
}
