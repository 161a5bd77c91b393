package weft.scheduler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Objects;

import weft.transport.Channel;
import weft.transport.Poller;

/**
 * A channel tasks can wait on with the {@code recv} and {@code send} traps: what the seed's
 * {@code recv_wait} and {@code send_wait} dictionaries are keyed by. The sockets in
 * {@code weft.net} extend it.
 *
 * <p>The scheduler keeps its bookkeeping for the channel here instead of in maps keyed by
 * channel: a waiting task sits in the channel's own field for its direction, parked in the
 * channel's {@link ChannelWait} for that direction, so parking and waking it cost no allocation
 * and no hashing. The socket underneath is the transport's {@link Channel}, registered with the
 * scheduler's {@link Poller} on the first wait; a channel is bound to the scheduler it is first
 * waited on from, and must be of its transport.
 *
 * <p>Threads: {@link #close} may be called from any thread (the loop is told, and a task
 * waiting on the channel gets the failure at its trap); everything else is for the loop's
 * thread.
 */
public class Pollable implements AutoCloseable {
    final Channel channel;
    final byte readOp;
    final ChannelWait recvWait = new ChannelWait(this);  // also the recv trap, and
    final ChannelWait sendWait = new ChannelWait(this);  // the send trap: see Trap.recv
    // ChannelWait: the task waiting to recv, and the one waiting to send, or null.
    Task<?> recvWaiter;
    Task<?> sendWaiter;

    volatile Scheduler scheduler;  // Scheduler: bound on the first wait
    byte writeOp = Poller.WRITE;   // what "send can go on" means now: CONNECT while connecting
    boolean writeBlocked;          // the last write came back short
    boolean readFilled;            // the last read filled what was asked: more is likely waiting
    // Null: a wait lasts as long as it takes. A reference, where a long of nanoseconds would
    // make every socket 8 bytes bigger.
    Duration timeout;

    /**
     * @param channel a socket of some transport, in non-blocking mode
     * @param readOp  the operation that means "recv can go on":
     *                {@link Poller#READ}, or {@link Poller#ACCEPT} for a listener
     */
    protected Pollable(Channel channel, int readOp) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.readOp = (byte) readOp;
    }

    /**
     * Makes each wait on this channel, recv or send, that lasts longer than {@code timeout} end
     * with {@link TaskTimeout} at its trap: Python's {@code settimeout}, SO_RCVTIMEO and
     * SO_SNDTIMEO. Each wait is timed on its own, so progress in one direction never postpones
     * the other's timeout. {@link Duration#ZERO} turns it off; it applies from the next wait.
     */
    public final void setTimeout(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout < 0: " + timeout);
        }
        // toNanos() refuses one too long to count in nanoseconds here, as before, not at a wait
        this.timeout = timeout.toNanos() == 0 ? null : timeout;
    }

    /**
     * Tells the scheduler the kernel did not take a whole write: the next {@code send} trap on
     * this channel waits for the poller. Until then the channel is taken to be writable, and
     * {@code send} goes on without polling (see {@link Scheduler}).
     */
    protected final void writeCameBackShort() {
        writeBlocked = true;
    }

    /**
     * Tells the scheduler a non-blocking connect is in progress: the next {@code send} trap waits
     * until the connection is made (or has failed), then the channel is writable as usual.
     */
    protected final void connectPending() {
        writeOp = Poller.CONNECT;
        writeBlocked = true;
    }

    /**
     * Tells the scheduler whether the last read took all it asked for. If it did, the data is
     * probably still coming, and the next {@code recv} trap on this channel may go on without
     * polling, within the task's budget for the step (see {@link Scheduler}).
     */
    protected final void readFilled(boolean filled) {
        readFilled = filled;
    }

    /**
     * Closes the channel, from any thread. A task waiting on it, now or later, gets
     * {@link java.nio.channels.ClosedChannelException} (wrapped in UncheckedIOException) at its
     * trap.
     */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Scheduler bound = scheduler;
            if (bound != null) {
                bound.closed(this);
            } else {
                released();
            }
        }
    }

    /**
     * Runs on the loop's thread once the channel is closed, for a subclass to give back what the
     * loop lent it; does nothing here.
     */
    protected void released() {
    }

    /** The transport's socket underneath, for a subclass's reads and writes. */
    protected final Channel channel() {
        return channel;
    }

    public final boolean isOpen() {
        return channel.isOpen();
    }
}
