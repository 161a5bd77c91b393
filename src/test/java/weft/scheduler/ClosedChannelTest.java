package weft.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import weft.generator.Generator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A wait on a closed channel fails at its trap, whoever closed it and whenever; nothing is left waiting. */
@Timeout(30)
class ClosedChannelTest {
    private final RecordingEvents events = new RecordingEvents();
    private final Scheduler scheduler = new Scheduler(events);
    private Loopback loopback;

    @BeforeEach
    void open() throws Exception {
        loopback = new Loopback(scheduler);
        scheduler.checkInvariantsAfterEachStep();
    }

    @AfterEach
    void close() {
        loopback.close();
    }

    @Test
    void recvOnAChannelTheTaskClosedAfterWaitingOnItFailsAtTheTrap() throws Exception {
        try (Loopback.Pair pair = loopback.connect()) {
            List<Throwable> caught = new ArrayList<>();
            scheduler.spawn(new Task<>("reader", self -> {
                self.yield(Trap.recv(pair.server()));
                pair.server().recv(1000);
                pair.server().close();
                caught.add(failureAt(self, Trap.recv(pair.server())));
                return null;
            }));
            pair.clientSends("hi");
            loopback.runUntil(() -> !caught.isEmpty());

            assertThat(caught).singleElement().isInstanceOf(ClosedChannelException.class);
            assertNothingWaits();
        }
    }

    @Test
    void recvOnAChannelAnotherTaskClosedFailsAtTheTrap() throws Exception {
        try (Loopback.Pair pair = loopback.connect()) {
            List<Throwable> caught = new ArrayList<>();
            List<Boolean> read = new ArrayList<>();
            scheduler.spawn(new Task<>("reader", self -> {
                self.yield(Trap.recv(pair.server()));
                pair.server().recv(1000);
                read.add(true);
                while (pair.server().isOpen()) {
                    self.yield(Trap.sleep(Duration.ZERO)); // until the closer has run
                }
                caught.add(failureAt(self, Trap.recv(pair.server())));
                return null;
            }));
            pair.clientSends("hi");
            loopback.runUntil(() -> !read.isEmpty()); // it has waited on the channel before
            scheduler.spawn(new Task<>("closer", self -> {
                pair.server().close();
                return null;
            }));
            loopback.runUntil(() -> !caught.isEmpty());

            assertThat(caught).singleElement().isInstanceOf(ClosedChannelException.class);
            assertNothingWaits();
        }
    }

    @Test
    void sendAfterAShortWriteOnAChannelClosedMeanwhileFailsAndLeavesNoWaiter() throws Exception {
        try (Loopback.Pair pair = loopback.connect()) {
            List<Throwable> caught = new ArrayList<>();
            scheduler.spawn(new Task<>("writer", self -> {
                ByteBuffer big = ByteBuffer.allocateDirect(16 << 20); // the client never reads
                while (pair.server().send(big) > 0 && big.hasRemaining()) {
                    // until the kernel takes no more
                }
                pair.server().close();
                caught.add(failureAt(self, Trap.send(pair.server())));
                return null;
            }));
            loopback.runUntil(() -> !caught.isEmpty());

            assertThat(caught).singleElement().isInstanceOf(ClosedChannelException.class);
            assertNothingWaits();
        }
    }

    @Test
    void sendOnAChannelClosedBeforeItsFirstWaitFailsAtTheTrapNotAtTheNextWrite() throws Exception {
        try (Loopback.Pair pair = loopback.connect()) {
            List<Throwable> caught = new ArrayList<>();
            pair.server().close();
            scheduler.spawn(new Task<>("writer", self -> {
                caught.add(failureAt(self, Trap.send(pair.server())));
                return null;
            }));
            loopback.runUntil(() -> !caught.isEmpty());

            assertThat(caught).singleElement().isInstanceOf(ClosedChannelException.class);
        }
    }

    @Test
    void closeFromAnotherThreadFailsTheWaiterOnTheLoopsThread() throws Exception {
        try (Loopback.Pair pair = loopback.connect()) {
            List<Throwable> caught = new ArrayList<>();
            List<Thread> failedOn = new ArrayList<>();
            scheduler.spawn(new Task<>("reader", self -> {
                caught.add(failureAt(self, Trap.recv(pair.server())));
                failedOn.add(Thread.currentThread());
                return null;
            }));
            scheduler.runUntilIdle();
            assertThat(scheduler.statistics().waitingToRecv()).isEqualTo(1);

            CountDownLatch closed = new CountDownLatch(1);
            Thread closer = new Thread(() -> {
                pair.server().close();
                closed.countDown();
            });
            closer.start();
            assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
            loopback.runUntil(() -> !caught.isEmpty());

            assertThat(caught).singleElement().isInstanceOf(ClosedChannelException.class);
            assertThat(failedOn).containsExactly(Thread.currentThread());
            assertNothingWaits();
        }
    }

    /** What the trap raises in the task, unwrapped. */
    private static Throwable failureAt(Generator<Trap, Object, ?> self, Trap trap) throws kilim.Pausable {
        try {
            self.yield(trap);
            return new AssertionError("the trap returned");
        } catch (UncheckedIOException e) {
            return e.getCause();
        }
    }

    private void assertNothingWaits() {
        Scheduler.Statistics statistics = scheduler.statistics();
        assertThat(statistics.waitingToRecv()).as("waiting to recv").isZero();
        assertThat(statistics.waitingToSend()).as("waiting to send").isZero();
        assertThat(events.failed).isEmpty();
    }
}
