package weft.testing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import weft.net.TcpListener;
import weft.net.TcpSocket;
import weft.scheduler.Scheduler;
import weft.scheduler.Task;
import weft.scheduler.Trap;

/**
 * A {@link Scheduler} driven turn by turn from the test thread, so a test can read the loop's
 * state between turns without racing it.
 */
public final class Turns {
    private static final Duration LIMIT = Duration.ofSeconds(10);

    private Turns() {}

    /** Turns the loop until {@code done}, for at most 10 s. */
    public static void runUntil(Scheduler scheduler, BooleanSupplier done) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within " + LIMIT + "; " + scheduler.statistics());
            }
            scheduler.runOnce(Duration.ofMillis(100));
        }
    }

    /** The server end of the next connection to {@code listener}, accepted by a task of the loop. */
    public static TcpSocket acceptOne(Scheduler scheduler, TcpListener listener) {
        AtomicReference<TcpSocket> accepted = new AtomicReference<>();
        scheduler.spawn(new Task<>("accept one", self -> {
            while (accepted.get() == null) {
                self.yield(Trap.recv(listener));
                accepted.set(listener.accept());
            }
            return null;
        }));
        runUntil(scheduler, () -> accepted.get() != null);
        return accepted.get();
    }
}
