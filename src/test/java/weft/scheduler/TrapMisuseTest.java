package weft.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.IllegalBlockingModeException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SelectionKey;
import java.util.ArrayList;
import java.util.List;

import weft.generator.Generator;
import weft.transport.nio.NioTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Traps never throw into the loop: whatever goes wrong is raised in the task at its yield, and the loop goes on. */
@Timeout(30)
class TrapMisuseTest {
    private final RecordingEvents events = new RecordingEvents();
    private final Scheduler scheduler = new Scheduler(events);
    private final List<String> trace = new ArrayList<>();

    TrapMisuseTest() {
        scheduler.checkInvariantsAfterEachStep();
    }

    @Test
    void spawningATaskAlreadySpawnedRaisesInTheSpawnerAndEveryOtherTaskGoesOn() {
        Task<?> child = new Task<>("child", self -> {
            trace.add("child ran");
            return null;
        });
        scheduler.spawn(child);
        scheduler.spawn(new Task<>("spawner", self -> {
            trace.add(raisedBy(self, Trap.spawn(child)));
            trace.add("spawner goes on");
            return null;
        }));
        scheduler.spawn(bystander());

        scheduler.run();

        assertThat(trace).containsExactly("child ran", "IllegalStateException: task already started: child",
                "spawner goes on", "bystander ran");
        assertThat(events.done).containsExactly("child", "spawner", "bystander");
        assertThat(scheduler.statistics().tasks()).isZero();
    }

    @Test
    void spawningItselfRaisesInTheTaskWhichIsNotLeftRunning() {
        Task<?>[] self = new Task[1];
        self[0] = new Task<>("narcissus", task -> {
            trace.add(raisedBy(task, Trap.spawn(self[0])));
            return null;
        });
        scheduler.spawn(self[0]);
        scheduler.spawn(bystander());

        scheduler.run();

        assertThat(trace).containsExactly("IllegalStateException: task already started: narcissus", "bystander ran");
        assertThat(self[0].where()).isEqualTo(Where.DONE);
    }

    @Test
    void waitingOnAChannelOfAnotherSchedulerRaisesInTheTask() throws Exception {
        try (Scheduler other = new Scheduler(TaskEvents.SILENT); Loopback loopback = new Loopback(other)) {
            other.spawn(new Task<>("binds the listener to the other scheduler", self -> {
                self.yield(Trap.recv(loopback.listener));
                return null;
            }));
            other.runUntilIdle();
            scheduler.spawn(new Task<>("stranger", self -> {
                trace.add(raisedBy(self, Trap.recv(loopback.listener)));
                return null;
            }));
            scheduler.run();
        }
        assertThat(trace).singleElement().asString()
                .startsWith("IllegalArgumentException: channel belongs to another scheduler");
    }

    @Test
    void usingAMailboxOfAnotherSchedulerRaisesInTheTask() {
        Mailbox<String> box = new Mailbox<>(4);
        try (Scheduler other = new Scheduler(TaskEvents.SILENT)) {
            other.spawn(new Task<>("owner", self -> {
                self.yield(Trap.put(box, "mine"));
                return null;
            }));
            other.run();
        }
        scheduler.spawn(new Task<>("stranger", self -> {
            trace.add(raisedBy(self, Trap.get(box)));
            trace.add(raisedBy(self, Trap.put(box, "theirs")));
            return null;
        }));
        scheduler.run();
        assertThat(trace).allSatisfy(line -> assertThat(line)
                .startsWith("IllegalStateException: mailbox belongs to another scheduler"));
        assertThat(box.size()).isEqualTo(1);
    }

    @Test
    void waitingOnAChannelSwitchedToBlockingModeRaisesInTheTask() throws IOException {
        Scheduler scheduler = new Scheduler(events, Clock.SYSTEM, NioTransport.INSTANCE); // a java.nio channel's mode
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0)).configureBlocking(false);
            Pollable channel = new Pollable(NioTransport.wrap(server), SelectionKey.OP_ACCEPT) { };
            server.configureBlocking(true);
            scheduler.spawn(new Task<>("confused", self -> {
                trace.add(raisedBy(self, Trap.recv(channel)));
                return null;
            }));
            scheduler.run();
        }
        assertThat(trace).containsExactly(IllegalBlockingModeException.class.getSimpleName() + ": null");
    }

    @Test
    void yieldingNullRaisesInTheTask() {
        scheduler.spawn(new Task<>("confused", self -> {
            trace.add(raisedBy(self, null));
            return null;
        }));
        scheduler.run();
        assertThat(trace).containsExactly("IllegalStateException: yielded null, not a trap");
    }

    private Task<?> bystander() {
        return new Task<>("bystander", self -> {
            trace.add("bystander ran");
            return null;
        });
    }

    private static String raisedBy(Generator<Trap, Object, ?> self, Trap trap) throws kilim.Pausable {
        try {
            self.yield(trap);
            return "nothing raised";
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
