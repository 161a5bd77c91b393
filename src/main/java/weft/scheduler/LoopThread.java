package weft.scheduler;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import weft.transport.Poller;

/**
 * Which thread runs the loop, and the way in for the others. The loop's thread is the one that
 * last turned it (before it first turns, any thread is). Work another thread hands over waits
 * in a lock-free queue and the poll is woken, so the loop picks it up within one turn.
 */
final class LoopThread {
    private final ConcurrentLinkedQueue<Runnable> handoffs = new ConcurrentLinkedQueue<>();
    private final AtomicInteger openHandles = new AtomicInteger();
    private final Poller poller;
    private volatile Thread thread;

    LoopThread(Poller poller) {
        this.poller = poller;
    }

    /** The current thread turns the loop from now on. */
    void enter() {
        Thread current = Thread.currentThread();
        if (thread != current) {
            thread = current;
        }
    }

    boolean isCurrent() {
        Thread loop = thread;
        return loop == null || loop == Thread.currentThread();
    }

    /** Fails fast when a loop-only {@code method} is called from another thread. */
    void require(String method) {
        if (!isCurrent()) {
            throw new IllegalStateException(method + " called on thread '" + Thread.currentThread().getName()
                    + "', but the scheduler runs on '" + thread.getName() + "' and is not thread-safe");
        }
    }

    /** Runs {@code work} now if this is the loop's thread, or hands it to the loop. */
    void run(Runnable work) {
        if (isCurrent()) {
            work.run();
        } else {
            handOff(work);
        }
    }

    /** Queues {@code work} for the loop, whatever thread this is, and wakes the poll. */
    void handOff(Runnable work) {
        handoffs.add(work);
        poller.wakeup();
    }

    void handleOpened() {
        openHandles.incrementAndGet();
    }

    void handleClosed() {
        openHandles.decrementAndGet();
        poller.wakeup();
    }

    /** Whether another thread may still hand work over: a handle is open, or work is queued. */
    boolean othersMayHandOff() {
        return openHandles.get() > 0 || !handoffs.isEmpty();
    }

    boolean hasHandoffs() {
        return !handoffs.isEmpty();
    }

    /** Runs, on the loop, what other threads handed over. */
    void runHandoffs() {
        Runnable work;
        while ((work = handoffs.poll()) != null) {
            work.run();
        }
    }
}
