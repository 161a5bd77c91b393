package weft.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import kilim.Pausable;
import weft.generator.Generator;
import weft.testing.ManualClock;

/**
 * The kernel's invariants (every live task in exactly one place, which holds it; every count
 * equal to what it counts; nothing left holding an ended task) checked after every step, while
 * tasks yield random traps, misuse them, fail, spawn others, and the test cancels tasks, moves
 * the clock, closes a channel others wait on, and finally stops the loop.
 */
@Timeout(60)
class KernelInvariantsTest {
    private static final int TASKS = 12;
    private static final int TURNS = 400;
    private static final Set<Where> SEEN = Collections.synchronizedSet(EnumSet.noneOf(Where.class));

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
    void invariantsHoldAfterEveryStepOfRandomTraps(long seed) throws Exception {
        Random random = new Random(seed);
        ManualClock clock = new ManualClock();
        Scheduler scheduler = new Scheduler(TaskEvents.SILENT, clock);
        try (Loopback loopback = new Loopback(scheduler); Loopback.Pair pair = loopback.connect()) {
            pair.server().setTimeout(Duration.ofMillis(30));
            scheduler.checkInvariantsAfterEachStep();
            World world = new World(new Mailbox<>(1), new Mailbox<>(3), pair.server(), scheduler);
            for (int i = 0; i < TASKS; i++) {
                scheduler.spawn(randomTask("task " + i, world, random.nextLong(), 2));
            }

            for (int turn = 0; turn < TURNS; turn++) {
                scheduler.runOnce(Duration.ZERO);
                scheduler.tasks().forEach(task -> SEEN.add(task.where()));
                clock.advance(Duration.ofMillis(random.nextInt(15)));
                List<Task<?>> live = scheduler.tasks();
                if (!live.isEmpty() && random.nextInt(10) == 0) {
                    scheduler.cancel(live.get(random.nextInt(live.size())));
                }
                if (random.nextInt(40) == 0 && pair.server().isOpen()) {
                    pair.clientSends("x");
                }
                if (turn == TURNS / 2) {
                    pair.server().close();
                }
                assertThat(scheduler.statistics().tasks()).isEqualTo(scheduler.tasks().size());
            }

            scheduler.requestStop(Duration.ofMillis(100));
            clock.advance(Duration.ofMillis(100));
            scheduler.run();
            assertThat(scheduler.statistics()).isEqualTo(new Scheduler.Statistics(0, 0, 0, 0, 0, 0));
            assertThat(scheduler.timerQueue().size()).isZero();
        }
    }

    /** The random traps reach every kind of wait, over all seeds: otherwise the checks above prove little. */
    @AfterAll
    static void everyPlaceWasVisited() {
        assertThat(SEEN).as("places the tasks were seen in").contains(
                Where.READY, Where.RECV, Where.SLEEP, Where.GET, Where.PUT, Where.JOIN);
    }

    private record World(Mailbox<Integer> small, Mailbox<Integer> larger, Pollable channel, Scheduler scheduler) {}

    private static Task<?> randomTask(String name, World world, long seed, int depth) {
        return new Task<>(name, self -> {
            Random random = new Random(seed);
            int favourite = random.nextInt(13);
            for (int op = 0; op < 30; op++) {
                randomTrap(self, world, random, depth, favourite);
            }
            return null;
        });
    }

    /** Yields a random trap, half the time the task's favourite kind, so every kind of wait fills up. */
    private static void randomTrap(Generator<Trap, Object, ?> self, World world, Random random, int depth,
                                   int favourite) throws Pausable {
        Mailbox<Integer> box = random.nextBoolean() ? world.small() : world.larger();
        List<Task<?>> others = world.scheduler().tasks();
        Task<?> other = others.get(random.nextInt(others.size()));
        int kind = random.nextBoolean() ? favourite : random.nextInt(13);
        try {
            switch (kind) {
                case 10 -> other.join();
                case 11 -> other.cancel();
                case 12 -> Tasks.timeoutAfter(Duration.ofMillis(random.nextInt(30)),
                        () -> box.get());
                default -> { }
            }
        } catch (RuntimeException misuseOrTimeout) {
            // joining or cancelling itself, a task that failed, a timeout: raised here, as it should be
        }
        Trap trap = switch (kind) {
            case 0 -> Trap.sleep(Duration.ofMillis(random.nextInt(40)));
            case 1 -> Trap.sleep(Duration.ZERO);
            case 2 -> Trap.put(box, random.nextInt());
            case 8 -> Trap.put(world.small(), random.nextInt()); // fills at once: putters wait
            case 10, 11, 12 -> Trap.sleep(Duration.ZERO);
            case 3 -> Trap.get(world.larger()); // empty more often than not: getters wait
            case 4 -> depth > 0 ? Trap.spawn(randomTask("child", world, random.nextLong(), depth - 1)) : Trap.get(box);
            case 5 -> Trap.recv(world.channel());
            case 6 -> Trap.send(world.channel());
            case 7 -> Trap.spawn((Task<?>) self); // misuse: raised in the task
            default -> null;                   // misuse too
        };
        if (random.nextInt(60) == 0) {
            throw new IllegalStateException("a task failing on its own");
        }
        try {
            self.yield(trap);
        } catch (RuntimeException misuseOrTimeoutOrClosed) {
            // raised at the yield, as it should be: go on
        }
    }
}
