package weft.scheduler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.time.Duration;

/**
 * A channel tasks can wait on with the {@code recv} and {@code send} traps: what the seed's
 * {@code recv_wait} and {@code send_wait} dictionaries are keyed by. The sockets in
 * {@code weft.net} extend it.
 *
 * <p>The scheduler keeps its bookkeeping for the channel here instead of in maps keyed by
 * channel: a parked task sits in its channel's slot, so parking and waking it cost no
 * allocation and no hashing, and the selector key, registered on the first wait, is reused.
 */
public class Pollable implements AutoCloseable {
    final SelectableChannel channel;
    final int readOp;
    final Trap recvTrap = new Trap.Recv(this);
    final Trap sendTrap = new Trap.Send(this);

    Scheduler scheduler;       // set on the first wait
    SelectionKey key;
    int interest;              // ops registered with the selector, to skip changes that change nothing
    Task recvWaiter;
    Task sendWaiter;
    boolean writeBlocked;      // the last write came back short
    boolean readFilled;        // the last read filled what was asked: more is likely waiting
    long timeoutNanos;         // 0: tasks wait as long as it takes
    long deadline;             // when the task waiting now times out
    boolean timerArmed;

    /**
     * @param channel a channel in non-blocking mode
     * @param readOp  the selector operation that means "recv can go on":
     *                {@link SelectionKey#OP_READ}, or {@link SelectionKey#OP_ACCEPT} for a listener
     */
    protected Pollable(SelectableChannel channel, int readOp) {
        if (channel.isBlocking()) {
            throw new IllegalArgumentException("channel must be in non-blocking mode");
        }
        this.channel = channel;
        this.readOp = readOp;
    }

    /**
     * Makes a task that waits on this channel, in either trap, longer than {@code timeout} get
     * {@link TaskTimeout} at its trap instead (like SO_RCVTIMEO and SO_SNDTIMEO together).
     * {@link Duration#ZERO} turns it off.
     */
    public final void setTimeout(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout < 0: " + timeout);
        }
        this.timeoutNanos = timeout.toNanos();
    }

    /**
     * Tells the scheduler the kernel did not take a whole write: the next {@code send} trap on
     * this channel waits for the selector. Until then the channel is taken to be writable, and
     * {@code send} goes on without polling (see {@link Scheduler}).
     */
    protected final void writeCameBackShort() {
        writeBlocked = true;
    }

    /**
     * Tells the scheduler whether the last read took all it asked for. If it did, the data is
     * probably still coming, and the next {@code recv} trap on this channel may go on without
     * polling, a few times in a row (see {@link Scheduler}).
     */
    protected final void readFilled(boolean filled) {
        readFilled = filled;
    }

    /** Closes the channel; a task still waiting on it gets the failure at its trap. */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (scheduler != null) {
                scheduler.closed(this);
            }
        }
    }

    public final boolean isOpen() {
        return channel.isOpen();
    }

    void want(int op) {
        if ((interest & op) == 0) {
            interest |= op;
            key.interestOps(interest);
        }
    }

    void forget(int op) {
        if ((interest & op) != 0) {
            interest &= ~op;
            key.interestOps(interest);
        }
    }
}
