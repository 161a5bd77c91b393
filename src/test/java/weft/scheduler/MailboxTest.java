package weft.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static weft.scheduler.Loopback.text;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Mailboxes: the third waiting area, in the same loop as the sockets. */
@Timeout(30)
class MailboxTest {
    private static final int END = -1;

    private final RecordingEvents events = new RecordingEvents();
    private final Scheduler scheduler = new Scheduler(events);

    @Test
    void producerAndConsumerOverABoundedMailboxSuspendAndResumeInOrder() {
        Mailbox<Integer> box = new Mailbox<>(2);
        List<String> trace = new ArrayList<>();
        List<Integer> sizesSeen = new ArrayList<>();
        scheduler.spawn(new Task<>("producer", self -> {
            for (int i = 1; i <= 5; i++) {
                self.yield(Trap.put(box, i));
                trace.add("put " + i);
                sizesSeen.add(box.size());
            }
            self.yield(Trap.put(box, END));
            return null;
        }));
        scheduler.spawn(new Task<>("consumer", self -> {
            while (true) {
                int item = (Integer) self.yield(Trap.get(box));
                sizesSeen.add(box.size());
                if (item == END) {
                    return null;
                }
                trace.add("got " + item);
            }
        }));

        scheduler.run();

        // The producer fills the box (capacity 2) and parks on the third put; the consumer empties
        // it, which lets the parked put in, and parks when it is empty; and so on.
        assertThat(trace).containsExactly(
                "put 1", "put 2", "got 1", "got 2", "got 3", "put 3", "put 4", "put 5", "got 4", "got 5");
        assertThat(sizesSeen).allSatisfy(size -> assertThat(size).isBetween(0, 2));
        assertThat(events.done).containsExactly("producer", "consumer");
    }

    @Test
    void getWaitsWhileEmptyAndPutWaitsWhileFull() {
        Mailbox<String> box = new Mailbox<>(1);
        scheduler.spawn(new Task<>("getter", self -> {
            self.yield(Trap.get(box));
            return null;
        }));
        scheduler.runUntilIdle();
        assertThat(scheduler.statistics().waitingOnMailboxes()).isEqualTo(1);

        scheduler.spawn(new Task<>("putter", self -> {
            self.yield(Trap.put(box, "a")); // handed straight to the waiting getter
            self.yield(Trap.put(box, "b")); // fills the box
            self.yield(Trap.put(box, "c")); // waits: full
            return null;
        }));
        scheduler.runUntilIdle();
        assertThat(events.done).containsExactly("getter");
        assertThat(box.size()).isEqualTo(1);
        assertThat(scheduler.statistics().waitingOnMailboxes()).isEqualTo(1);
    }

    @Test
    void pollTakesWhatIsQueuedWithoutWaitingAndLetsAWaitingPutIn() {
        Mailbox<String> box = new Mailbox<>(2);
        List<String> taken = new ArrayList<>();
        scheduler.spawn(new Task<>("putter", self -> {
            for (String message : List.of("a", "b", "c")) {
                self.yield(Trap.put(box, message)); // "c" waits: full
            }
            return null;
        }));
        scheduler.runUntilIdle();
        assertThat(box.size()).isEqualTo(2);
        scheduler.spawn(new Task<>("batcher", self -> {
            String message;
            while ((message = box.poll()) != null) { // no trap: all in this one turn
                taken.add(message);
            }
            return null;
        }));
        scheduler.runUntilIdle();
        assertThat(taken).containsExactly("a", "b", "c");
        assertThat(box.poll()).isNull();
        assertThat(events.done).containsExactlyInAnyOrder("putter", "batcher");
    }

    @Test
    void tasksLeftWaitingOnMailboxesAreReportedAsADeadlock() {
        Mailbox<String> box = new Mailbox<>(1);
        scheduler.spawn(new Task<>("lonely consumer", self -> {
            self.yield(Trap.get(box));
            return null;
        }));
        assertThatThrownBy(scheduler::run)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("deadlock: 1 task(s) wait on mailboxes or other tasks and no other task can run");
    }

    @Test
    void socketsAndMailboxesAreWaitedOnInTheSameLoop() throws Exception {
        try (Loopback loopback = new Loopback(scheduler); Loopback.Pair pair = loopback.connect()) {
            Mailbox<String> lines = new Mailbox<>(4);
            List<String> delivered = new ArrayList<>();
            scheduler.spawn(new Task<>("socket reader", self -> {
                for (int i = 0; i < 3; i++) {
                    self.yield(Trap.recv(pair.server()));
                    self.yield(Trap.put(lines, text(pair.server().recv(1000))));
                }
                return null;
            }));
            scheduler.spawn(new Task<>("mailbox reader", self -> {
                for (int i = 0; i < 3; i++) {
                    delivered.add((String) self.yield(Trap.get(lines)));
                }
                return null;
            }));
            scheduler.runUntilIdle();
            Scheduler.Statistics waiting = scheduler.statistics();
            assertThat(waiting.waitingToRecv()).isEqualTo(1);
            assertThat(waiting.waitingOnMailboxes()).isEqualTo(1);

            for (String line : List.of("one", "two", "three")) {
                pair.clientSends(line);
                loopback.runUntil(() -> delivered.contains(line));
            }
            assertThat(delivered).containsExactly("one", "two", "three");
        }
    }

    @Test
    void mailboxNeedsRoomForAtLeastOneMessage() {
        assertThatThrownBy(() -> new Mailbox<String>(0)).hasMessage("capacity < 1: 0");
    }
}
