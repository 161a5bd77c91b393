package weft.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import weft.testing.ManualClock;

/**
 * Fairness by budget: a task whose traps are all answered at once (sends that go through
 * whole, puts into a mailbox with room, spawns) still gives the loop back within
 * {@value Scheduler#TRAPS_PER_STEP} traps, as the seed does at every yield.
 */
@Timeout(30)
class FairnessTest {
    private static final int MESSAGES = 100_000;

    private final ManualClock clock = new ManualClock();
    private final RecordingEvents events = new RecordingEvents();
    private final Scheduler scheduler = new Scheduler(events, clock);

    @Test
    void aTaskReadyBehindASenderThatNeverWaitsRunsWithinOneBudget() throws Exception {
        try (Loopback loopback = new Loopback(scheduler); Loopback.Pair pair = loopback.connect()) {
            int[] sent = {0};
            List<Integer> sentWhenOtherRan = new ArrayList<>();
            scheduler.spawn(sender(pair, sent));
            scheduler.spawn(new Task<>("ready behind it", self -> {
                sentWhenOtherRan.add(sent[0]);
                return null;
            }));
            Thread reader = readInBackground(pair);

            loopback.runUntil(() -> !sentWhenOtherRan.isEmpty());

            // Its 32nd send trap ends its turn, before the 32nd message: answered inside the yield
            // or not, each send counts against the budget.
            assertThat(sentWhenOtherRan).containsExactly(Scheduler.TRAPS_PER_STEP - 1);
            loopback.runUntil(() -> sent[0] == MESSAGES);
            pair.client().close();
            reader.join(10_000);
        }
    }

    @Test
    void aSleeperWakesAtItsTimeWhileASenderKeepsSending() throws Exception {
        try (Loopback loopback = new Loopback(scheduler); Loopback.Pair pair = loopback.connect()) {
            int[] sent = {0};
            List<Integer> sentWhenSleeperWoke = new ArrayList<>();
            scheduler.spawn(new Task<>("sleeper", self -> {
                self.yield(Trap.sleep(Duration.ofMillis(10)));
                sentWhenSleeperWoke.add(sent[0]);
                return null;
            }));
            scheduler.runUntilIdle();
            scheduler.spawn(sender(pair, sent));
            Thread reader = readInBackground(pair);
            scheduler.runOnce(Duration.ZERO); // the sender has started

            clock.advance(Duration.ofMillis(10));
            scheduler.runOnce(Duration.ZERO); // its budget spent, the loop polls: the sleeper is due
            scheduler.runOnce(Duration.ZERO);

            assertThat(sentWhenSleeperWoke).singleElement().satisfies(count ->
                    assertThat(count).isLessThan(MESSAGES / 100));
            loopback.runUntil(() -> sent[0] == MESSAGES);
            pair.client().close();
            reader.join(10_000);
        }
    }

    @Test
    void aStopRequestEndsTheLoopWhileASenderKeepsSending() throws Exception {
        try (Loopback loopback = new Loopback(scheduler); Loopback.Pair pair = loopback.connect()) {
            int[] sent = {0};
            scheduler.spawn(sender(pair, sent));
            Thread reader = readInBackground(pair);
            scheduler.runOnce(Duration.ZERO);

            scheduler.requestStop(Duration.ZERO);
            scheduler.run();

            assertThat(sent[0]).isLessThan(MESSAGES / 100);
            assertThat(scheduler.statistics().tasks()).isZero();
            pair.client().close();
            reader.join(10_000);
        }
    }

    @Test
    void putsIntoAMailboxWithRoomCountAgainstTheBudget() {
        Mailbox<Integer> box = new Mailbox<>(MESSAGES);
        List<Integer> sizeWhenOtherRan = new ArrayList<>();
        scheduler.spawn(new Task<>("producer", self -> {
            for (int i = 0; i < MESSAGES; i++) {
                self.yield(Trap.put(box, i));
            }
            return null;
        }));
        scheduler.spawn(new Task<>("ready behind it", self -> {
            sizeWhenOtherRan.add(box.size());
            return null;
        }));
        scheduler.run();
        assertThat(sizeWhenOtherRan).singleElement().satisfies(size ->
                assertThat(size).isLessThanOrEqualTo(Scheduler.TRAPS_PER_STEP));
        assertThat(box.size()).isEqualTo(MESSAGES);
    }

    @Test
    void getsFromAFullMailboxCountAgainstTheBudget() {
        Mailbox<Integer> box = new Mailbox<>(MESSAGES);
        List<Integer> sizeWhenOtherRan = new ArrayList<>();
        scheduler.spawn(new Task<>("filler", self -> {
            for (int i = 0; i < MESSAGES; i++) {
                self.yield(Trap.put(box, i));
            }
            scheduler.spawn(new Task<>("consumer", consumer -> {
                for (int i = 0; i < MESSAGES; i++) {
                    consumer.yield(Trap.get(box));
                }
                return null;
            }));
            scheduler.spawn(new Task<>("ready behind it", other -> {
                sizeWhenOtherRan.add(box.size());
                return null;
            }));
            return null;
        }));
        scheduler.run();
        assertThat(sizeWhenOtherRan).singleElement().satisfies(size ->
                assertThat(size).isGreaterThanOrEqualTo(MESSAGES - Scheduler.TRAPS_PER_STEP));
        assertThat(box.size()).isZero();
    }

    @Test
    void spawnsCountAgainstTheBudget() {
        List<Integer> spawnedWhenOtherRan = new ArrayList<>();
        int[] spawned = {0};
        scheduler.spawn(new Task<>("spawner", self -> {
            for (int i = 0; i < 1000; i++) {
                self.yield(Trap.spawn(new Task<>("child", child -> null)));
                spawned[0]++;
            }
            return null;
        }));
        scheduler.spawn(new Task<>("ready behind it", self -> {
            spawnedWhenOtherRan.add(spawned[0]);
            return null;
        }));
        scheduler.run();
        assertThat(spawnedWhenOtherRan).singleElement().satisfies(count ->
                assertThat(count).isLessThanOrEqualTo(Scheduler.TRAPS_PER_STEP));
    }

    /** Sends small messages as fast as the kernel takes them: with a reader, no write comes back short. */
    private static Task<?> sender(Loopback.Pair pair, int[] sent) {
        return new Task<>("sender", self -> {
            ByteBuffer message = ByteBuffer.allocate(16);
            while (sent[0] < MESSAGES) {
                message.clear();
                while (message.hasRemaining()) {
                    self.yield(Trap.send(pair.server()));
                    pair.server().send(message);
                }
                sent[0]++;
            }
            return null;
        });
    }

    private static Thread readInBackground(Loopback.Pair pair) {
        Thread reader = new Thread(() -> {
            ByteBuffer sink = ByteBuffer.allocate(1 << 16);
            try {
                while (pair.client().read(sink.clear()) >= 0) {
                    // discard
                }
            } catch (Exception closed) {
                // the test closed the client: done
            }
        });
        reader.setDaemon(true);
        reader.start();
        return reader;
    }
}
