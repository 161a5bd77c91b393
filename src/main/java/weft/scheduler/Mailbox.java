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
 * Only tasks of one scheduler may use a mailbox (it is not thread-safe, and needs no lock).
 *
 * @param <T> the messages' type
 */
public final class Mailbox<T> {
    private final int capacity;
    private final ArrayDeque<Object> messages;
    final ArrayDeque<Task> getters = new ArrayDeque<>();
    final ArrayDeque<Task> putters = new ArrayDeque<>();
    final Trap getTrap = new Trap.Get(this);

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

    boolean isEmpty() {
        return messages.isEmpty();
    }

    boolean isFull() {
        return messages.size() == capacity;
    }

    void add(Object message) {
        messages.addLast(message);
    }

    Object take() {
        return messages.pollFirst();
    }

    @Override
    public String toString() {
        return "Mailbox(" + messages.size() + "/" + capacity + ", " + getters.size() + " getting, "
                + putters.size() + " putting)";
    }
}
