package weft.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Cross-thread use is either safe or refused: requestStop and Pollable.close are safe from any
 * thread (their tests are with stopping and closing); the loop-only methods fail fast, with a
 * message that says why, instead of corrupting the loop.
 */
@Timeout(30)
class LoopThreadTest {
    private final Scheduler scheduler = new Scheduler(TaskEvents.SILENT);
    private final Task<?> sleeper = new Task<>("sleeper", self -> {
        self.yield(Trap.sleep(Duration.ofDays(1)));
        return null;
    });

    @Test
    void spawnFromAnotherThreadThanTheLoopsFailsFast() throws Exception {
        scheduler.runOnce(Duration.ZERO); // this thread runs the loop now

        Throwable refused = onAnotherThread(() -> scheduler.spawn(sleeper));

        assertThat(refused).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("spawn called on thread 'elsewhere', but the scheduler runs on '")
                .hasMessageEndingWith("' and is not thread-safe");
        assertThat(scheduler.statistics().tasks()).isZero();
    }

    @Test
    void cancelFromAnotherThreadThanTheLoopsFailsFast() throws Exception {
        scheduler.spawn(sleeper);
        scheduler.runUntilIdle();

        Throwable refused = onAnotherThread(() -> scheduler.cancel(sleeper));

        assertThat(refused).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("cancel called on thread");
        assertThat(sleeper.where()).isEqualTo(Where.SLEEP);
    }

    @Test
    void beforeTheLoopFirstRunsAnyThreadMaySetItUp() throws Exception {
        assertThat(onAnotherThread(() -> scheduler.spawn(sleeper))).isNull();
        scheduler.runUntilIdle();
        assertThat(sleeper.where()).isEqualTo(Where.SLEEP);
    }

    @Test
    void cancellingATaskOfAnotherSchedulerOrOneNeverSpawnedIsRefused() {
        Task<?> stranger = new Task<>("stranger", self -> null);
        Throwable refused = onSameThread(() -> scheduler.cancel(stranger));
        assertThat(refused).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot cancel stranger: it was never spawned");
    }

    private static Throwable onAnotherThread(Runnable call) throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread thread = new Thread(() -> outcome.complete(onSameThread(call)), "elsewhere");
        thread.start();
        return outcome.get(10, TimeUnit.SECONDS);
    }

    private static Throwable onSameThread(Runnable call) {
        try {
            call.run();
            return null;
        } catch (Throwable refused) {
            return refused;
        }
    }
}
