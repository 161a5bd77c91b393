package weft.scheduler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A graceful stop: asked for from any thread, begun on the loop (the owner's hooks run: its stop
 * policy), ended at a deadline after which the scheduler cancels whatever is left. The kernel
 * decides nothing else about a stop: which task may finish and which is cancelled at once is
 * the business of whoever made the tasks.
 */
final class StopRequest {
    private volatile Duration drainTimeout;   // asked for: any thread
    private final List<Runnable> hooks = new ArrayList<>();
    private boolean begun;                    // the loop's
    private long deadline;

    /** From any thread. */
    void ask(Duration drainTimeout) {
        if (drainTimeout.isNegative()) {
            throw new IllegalArgumentException("drainTimeout < 0: " + drainTimeout);
        }
        this.drainTimeout = drainTimeout;
    }

    void addHook(Runnable hook) {
        hooks.add(hook);
    }

    boolean asked() {
        return drainTimeout != null;
    }

    boolean askedNotBegun() {
        return drainTimeout != null && !begun;
    }

    boolean begun() {
        return begun;
    }

    /** On the loop, once: the hooks run, and the drain deadline is set from {@code now}. */
    void begin(long now) {
        begun = true;
        deadline = now + drainTimeout.toNanos();
        for (Runnable hook : hooks) {
            hook.run();
        }
    }

    boolean deadlinePassed(long now) {
        return begun && now - deadline >= 0;
    }

    /** {@code next}, or the time left to the drain deadline if that is sooner. */
    long sooner(long next, long now) {
        return begun ? Math.min(next, Math.max(0, deadline - now)) : next;
    }
}
