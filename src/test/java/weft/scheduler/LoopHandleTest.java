package weft.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** LoopHandle: the thread-safe way to hand tasks and messages to a running loop. */
@Timeout(30)
class LoopHandleTest {
    private final RecordingEvents events = new RecordingEvents();
    private final Scheduler scheduler = new Scheduler(events);

    @Test
    void anotherThreadFeedsAMailboxAndSpawnsTasksWhileTheLoopRuns() throws Exception {
        Mailbox<String> inbox = new Mailbox<>(4);
        List<String> got = Collections.synchronizedList(new ArrayList<>());
        List<Thread> ranOn = Collections.synchronizedList(new ArrayList<>());
        scheduler.spawn(new Task<>("consumer", self -> {
            for (String line = inbox.get(); !line.equals("end"); line = inbox.get()) {
                got.add(line);
            }
            return null;
        }));
        LoopHandle handle = scheduler.handle();
        Thread producer = new Thread(() -> {
            try (handle) {
                for (String line : List.of("one", "two", "three", "end")) {
                    handle.execute(() -> {
                        ranOn.add(Thread.currentThread());
                        assertThat(inbox.offer(line)).isTrue();
                    });
                }
                handle.spawn(new Task<>("spawned from elsewhere", self -> {
                    got.add("spawned task ran");
                    return null;
                }));
            }
        }, "producer");

        producer.start();
        scheduler.run(); // no deadlock while the handle is open; ends when all is done

        assertThat(got).containsExactly("one", "two", "three", "spawned task ran");
        assertThat(ranOn).containsOnly(Thread.currentThread());
    }

    @Test
    void withNoHandleOpenTasksWaitingOnMailboxesAreStillADeadlock() {
        Mailbox<String> inbox = new Mailbox<>(1);
        scheduler.spawn(new Task<>("consumer", self -> inbox.get()));
        scheduler.handle().close();
        assertThatThrownBy(scheduler::run).hasMessageStartingWith("deadlock: 1 task(s)");
    }

    @Test
    void aClosedHandleRefusesWork() {
        LoopHandle handle = scheduler.handle();
        handle.close();
        assertThatThrownBy(() -> handle.execute(() -> { })).isInstanceOf(IllegalStateException.class)
                .hasMessage("loop handle is closed");
    }

    @Test
    void workHandedOverWakesALoopBlockedInItsPoll() throws Exception {
        Mailbox<String> inbox = new Mailbox<>(1);
        List<String> got = new ArrayList<>();
        scheduler.spawn(new Task<>("consumer", self -> {
            got.add(inbox.get());
            return null;
        }));
        LoopHandle handle = scheduler.handle();
        CountDownLatch loopStarted = new CountDownLatch(1);
        scheduler.spawn(new Task<>("announcer", self -> {
            loopStarted.countDown();
            return null;
        }));
        Thread feeder = new Thread(() -> {
            try {
                loopStarted.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            handle.execute(() -> inbox.offer("woken"));
            handle.close();
        });
        feeder.start();
        scheduler.run();
        assertThat(got).containsExactly("woken");
    }
}
