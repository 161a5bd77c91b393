package weft.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static weft.scheduler.Loopback.text;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The recv and send waiting areas: a task is resumed only when the selector says its channel is ready. */
@Timeout(30)
class IoWaitingTest {
    private final RecordingEvents events = new RecordingEvents();
    private final Scheduler scheduler = new Scheduler(events);
    private Loopback loopback;

    @BeforeEach
    void open() throws Exception {
        loopback = new Loopback(scheduler);
    }

    @AfterEach
    void close() {
        loopback.close();
    }

    @Test
    void aTaskThatWaitsToRecvAgainWithoutReadingIsWokenAgainAsSelectWouldWakeIt() throws Exception {
        try (Loopback.Pair pair = loopback.connect()) {
            List<String> trace = new ArrayList<>();
            Task<Void> reader = scheduler.spawn(new Task<>("reader", self -> {
                self.yield(Trap.recv(pair.server()));
                trace.add("readable");
                self.yield(Trap.recv(pair.server())); // still readable: nothing was read
                trace.add("readable again, with " + text(pair.server().recv(1000)));
                return null;
            }));
            scheduler.runUntilIdle();

            pair.clientSends("hi");
            loopback.runUntil(reader::isDone);
            assertThat(trace).containsExactly("readable", "readable again, with hi");
        }
    }

    @Test
    void taskWaitingOnRecvDoesNotRunBeforeDataArrives() throws Exception {
        try (Loopback.Pair pair = loopback.connect()) {
            List<String> trace = new ArrayList<>();
            scheduler.spawn(new Task<>("reader", self -> {
                trace.add("waiting");
                self.yield(Trap.recv(pair.server()));
                trace.add("resumed with " + text(pair.server().recv(1000)));
                return null;
            }));

            scheduler.runUntilIdle();
            assertThat(trace).containsExactly("waiting");
            assertThat(scheduler.statistics().waitingToRecv()).isEqualTo(1);

            // A poll that finds nothing to read leaves it parked.
            scheduler.runOnce(Duration.ofMillis(50));
            assertThat(trace).containsExactly("waiting");

            pair.clientSends("hi");
            loopback.runUntil(() -> trace.size() == 2);
            assertThat(trace).containsExactly("waiting", "resumed with hi");
            assertThat(events.done).containsExactly("accept one", "reader");
        }
    }

    @Test
    void twoClientsInterleaveOnOneThread() throws Exception {
        try (Loopback.Pair a = loopback.connect(); Loopback.Pair b = loopback.connect()) {
            List<String> trace = Collections.synchronizedList(new ArrayList<>());
            List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
            scheduler.spawn(reader("A", a, trace, threads));
            scheduler.spawn(reader("B", b, trace, threads));
            scheduler.runUntilIdle();

            for (String message : List.of("1", "2", "3")) {
                a.clientSends("a" + message);
                loopback.runUntil(() -> trace.contains("A got a" + message));
                b.clientSends("b" + message);
                loopback.runUntil(() -> trace.contains("B got b" + message));
            }

            assertThat(trace).containsExactly("A got a1", "B got b1", "A got a2", "B got b2", "A got a3", "B got b3");
            assertThat(threads).containsOnly(Thread.currentThread());
        }
    }

    private static Task<?> reader(String name, Loopback.Pair pair, List<String> trace, List<Thread> threads) {
        return new Task<>(name, self -> {
            for (int i = 0; i < 3; i++) {
                self.yield(Trap.recv(pair.server()));
                threads.add(Thread.currentThread());
                trace.add(name + " got " + text(pair.server().recv(1000)));
            }
            return null;
        });
    }

    @Test
    void sendWaitsForTheSelectorAfterAShortWriteUntilTheClientReads() throws Exception {
        try (Loopback.Pair pair = loopback.connect()) {
            ByteBuffer big = ByteBuffer.allocateDirect(16 << 20); // far more than the socket buffers hold
            int[] writes = {0};
            scheduler.spawn(new Task<>("writer", self -> {
                while (big.hasRemaining()) {
                    self.yield(Trap.send(pair.server()));
                    pair.server().send(big);
                    writes[0]++;
                }
                return null;
            }));

            scheduler.runUntilIdle();
            assertThat(big.hasRemaining()).isTrue();
            assertThat(scheduler.statistics().waitingToSend()).isEqualTo(1);
            int writesWhileNobodyReads = writes[0];
            scheduler.runOnce(Duration.ofMillis(50));
            assertThat(writes[0]).isEqualTo(writesWhileNobodyReads);

            ByteBuffer sink = ByteBuffer.allocate(1 << 20);
            long[] received = {0};
            pair.client().configureBlocking(false);
            loopback.runUntil(() -> {
                received[0] += drain(pair, sink);
                return received[0] == big.capacity();
            });
            assertThat(events.done).contains("writer");
            assertThat(writes[0]).isGreaterThan(writesWhileNobodyReads);
        }
    }

    private static int drain(Loopback.Pair pair, ByteBuffer sink) {
        try {
            sink.clear();
            return Math.max(0, pair.client().read(sink));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void taskWaitingOnAChannelThatAnotherTaskClosesGetsTheFailureAtItsTrap() throws Exception {
        try (Loopback.Pair pair = loopback.connect()) {
            List<Throwable> caught = new ArrayList<>();
            scheduler.spawn(new Task<>("waiter", self -> {
                try {
                    self.yield(Trap.recv(pair.server()));
                } catch (UncheckedIOException e) {
                    caught.add(e.getCause());
                }
                return null;
            }));
            scheduler.runUntilIdle();
            scheduler.spawn(new Task<>("closer", self -> {
                pair.server().close();
                return null;
            }));
            loopback.runUntil(() -> !caught.isEmpty());
            assertThat(caught).singleElement().isInstanceOf(ClosedChannelException.class);
            assertThat(scheduler.statistics().waitingToRecv()).isZero();
        }
    }

    @Test
    void secondTaskWaitingToRecvOnTheSameChannelFailsAndTheFirstStillWaits() throws Exception {
        try (Loopback.Pair pair = loopback.connect()) {
            scheduler.spawn(new Task<>("first", self -> {
                self.yield(Trap.recv(pair.server()));
                return null;
            }));
            scheduler.spawn(new Task<>("second", self -> {
                self.yield(Trap.recv(pair.server()));
                return null;
            }));
            scheduler.runUntilIdle();
            assertThat(events.failed).containsExactly("second");
            assertThat(events.failures.get(0)).hasMessageContaining("another task already waits to recv");
            assertThat(scheduler.statistics().waitingToRecv()).isEqualTo(1);
        }
    }
}
