package weft.transport.epoll;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;

import weft.transport.Channel;

/**
 * A socket's file descriptor, and what {@link EpollPoller} keeps for it: the events it has
 * asked epoll for, which also say whether it is in the epoll set at all.
 *
 * <p>Closing from another thread than the loop's does not close the descriptor at once: the
 * loop may be about to read from it, and a number closed under it could be reused by the next
 * socket opened. The socket is shut down at once (the peer sees it closed, a poll reports it),
 * and the loop closes the descriptor on its next poll: java.nio's two-step close, for the same
 * reason.
 */
abstract class EpollChannel implements Channel {
    private static final Abi ABI = Abi.CURRENT;

    final int fd;
    private volatile boolean closed;
    EpollPoller poller;   // set on register
    byte interest;        // weft's ops (Poller.READ ...) asked for; not 0 exactly while in the epoll set

    EpollChannel(int fd) {
        this.fd = fd;
    }

    /**
     * The epoll flags added to the events asked for: none, so level-triggered, as a listener is
     * (a task accepts one connection per report). {@link EpollStream} is edge-triggered, and
     * the three methods below are what that needs.
     */
    int triggering() {
        return 0;
    }

    /** The poller reported {@code readyOps}, and whether the input has ended: nothing to keep when level-triggered. */
    void reported(int readyOps, boolean inputEnded) {
    }

    /** Whether a wait for {@code ops} needs epoll_ctl to look at the socket again: never when level-triggered. */
    boolean reportMayHold(int ops) {
        return false;
    }

    /** epoll_ctl has just looked at the socket anew, and epoll reports what it found. */
    void lookedAgain() {
    }

    @Override
    public final boolean isOpen() {
        return !closed;
    }

    final void ensureOpen() throws ClosedChannelException {
        if (closed) {
            throw new ClosedChannelException();
        }
    }

    /** The scratch memory of the calling thread: the poller's own when it is its loop's. */
    final Libc.Scratch scratch() {
        EpollPoller owner = poller;
        return owner != null && owner.isLoopThread() ? owner.scratch : Libc.scratch();
    }

    @Override
    public final void close() throws IOException {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        EpollPoller owner = poller;
        if (owner == null || !owner.closeLater(this)) {
            closeDescriptor(fd);
        }
    }

    /** Shuts both directions down, for a close the loop finishes later. */
    final void shutdown() {
        try {
            int ignored = (int) Libc.SHUTDOWN.invokeExact(Libc.scratch().errno, fd, ABI.shutRdwr);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    static void closeDescriptor(int fd) throws IOException {
        Libc.Scratch scratch = Libc.scratch();
        int result;
        try {
            result = (int) Libc.CLOSE.invokeExact(scratch.errno, fd);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
        if (result < 0 && scratch.errno() != ABI.eintr) { // after EINTR the descriptor is gone on Linux
            throw NioErrors.ioError(scratch.errno());
        }
    }
}
