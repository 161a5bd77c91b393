package weft.scheduler;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything a task can ask of the scheduler: the Java spelling of the seed's
 * {@code yield 'recv', sock}. A task suspends by yielding a trap,
 * {@code this.yield(recv(client))}, and {@link Scheduler} handles all of them in one place.
 *
 * <p>The set is closed on purpose (curio's rule: the kernel stays small): waiting on a channel
 * (recv, send), on time (sleep), on a {@link Mailbox} (get, put), starting a task (spawn), and
 * waiting for tasks to end (join, cancel, join a group). The last three are yielded by
 * {@link Task#join}, {@link Task#cancel} and {@link TaskGroup} rather than by hand.
 * Traps that name a channel or a mailbox are made once per channel or mailbox and reused, so
 * yielding one allocates nothing.
 */
public sealed interface Trap permits ChannelWait, Trap.Sleep, Trap.Get, Trap.Put, Trap.Spawn, Trap.Join,
        Trap.Cancel, Trap.JoinGroup {

    /** Wait until {@code channel} can be read; for a listening socket, until one can be accepted. */
    static Trap recv(Pollable channel) {
        return channel.recvWait; // also the parking of the task that waits (see ChannelWait)
    }

    /** Wait until {@code channel} can be written. */
    static Trap send(Pollable channel) {
        return channel.sendWait;
    }

    /** Wait until {@code duration} has passed; zero lets every other ready task run first. */
    static Trap sleep(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration < 0: " + duration);
        }
        return new Sleep(duration.toNanos());
    }

    /** Take the oldest message in {@code mailbox}, waiting while it is empty: the message is what the yield returns. */
    static Trap get(Mailbox<?> mailbox) {
        return mailbox.getTrap;
    }

    /** Add {@code message} to {@code mailbox}, waiting while it is full. */
    static <T> Trap put(Mailbox<T> mailbox, T message) {
        return new Put(mailbox, Objects.requireNonNull(message, "message"));
    }

    /** Start {@code task}: it joins the back of the ready queue, and the caller goes on at once. */
    static Trap spawn(Task<?> task) {
        return new Spawn(Objects.requireNonNull(task, "task"));
    }

    record Sleep(long nanos) implements Trap {}

    record Get(Mailbox<?> mailbox) implements Trap {}

    record Put(Mailbox<?> mailbox, Object message) implements Trap {}

    record Spawn(Task<?> task) implements Trap {}

    /** Wait until {@code task} has ended ({@link Task#join}). */
    record Join(Task<?> task) implements Trap {}

    /** Raise {@link TaskCancelled} in {@code task} at its wait, then wait until it has ended ({@link Task#cancel}). */
    record Cancel(Task<?> task) implements Trap {}

    /** Wait until every task spawned into {@code group} has ended ({@link TaskGroup}). */
    record JoinGroup(TaskGroup group) implements Trap {}
}
