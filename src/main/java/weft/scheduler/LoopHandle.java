package weft.scheduler;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one thread-safe way into a running scheduler from other threads: asyncio's
 * {@code call_soon_threadsafe}, trio's {@code TrioToken}. Work handed over runs on the loop's
 * thread within one turn (the poll is woken); there it may spawn tasks and
 * {@link Mailbox#offer offer} messages, like any code of the loop.
 *
 * <pre>
 * try (LoopHandle loop = scheduler.handle()) {            // on any thread
 *     loop.execute(() -&gt; inbox.offer(request));
 *     loop.spawn(new Worker());
 * }
 * </pre>
 *
 * <p>While a handle is open, {@link Scheduler#run} does not take tasks waiting on mailboxes for
 * a deadlock: another thread may still feed them. Close it when that thread is done.
 */
public final class LoopHandle implements AutoCloseable {
    private final Scheduler scheduler;
    private final LoopThread loop;
    private final AtomicBoolean open = new AtomicBoolean(true);

    LoopHandle(Scheduler scheduler, LoopThread loop) {
        this.scheduler = scheduler;
        this.loop = loop;
    }

    /** Runs {@code work} on the loop's thread, soon: after this call returns, never during it. */
    public void execute(Runnable work) {
        Objects.requireNonNull(work, "work");
        if (!open.get()) {
            throw new IllegalStateException("loop handle is closed");
        }
        loop.handOff(work);
    }

    /** Spawns {@code task} on the loop, soon. */
    public void spawn(Task<?> task) {
        Objects.requireNonNull(task, "task");
        execute(() -> scheduler.spawn(task));
    }

    /** This thread is done with the loop; the loop may now find its tasks deadlocked. */
    @Override
    public void close() {
        if (open.compareAndSet(true, false)) {
            loop.handleClosed();
        }
    }
}
