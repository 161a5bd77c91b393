package weft.transport.epoll;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.ClosedChannelException;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import weft.transport.Channel;
import weft.transport.Poller;

/**
 * Readiness from an epoll set, as java.nio's selector reports it (see {@link EpollStream#triggering}), with what java.nio
 * adds to it taken out: channels are found by descriptor in an array (epoll_event's data is
 * the descriptor), not in a map of keys; interest changes go to epoll_ctl at once, with no
 * update queue and no locks; a wakeup is an eventfd write, made once however many threads ask.
 *
 * <p>A channel whose interest drops to nothing leaves the set (EPOLL_CTL_DEL), as in the JDK:
 * epoll reports EPOLLHUP and EPOLLERR even when no event is asked for, and a hung-up socket
 * nobody reads would otherwise be reported at every poll.
 *
 * <p>Threads: {@link #wakeup} and a channel's close from any thread; the rest on the loop's.
 */
final class EpollPoller implements Poller {
    private static final Abi ABI = Abi.CURRENT;
    private static final int MAX_EVENTS = 1024;
    private static final int WAKE = -1; // epoll_event data for the eventfd

    private final Events events;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment ready;     // MAX_EVENTS epoll_events, filled by epoll_wait
    private final MemorySegment change;    // the one epoll_event passed to epoll_ctl
    private final MemorySegment counter;   // 8 bytes for the eventfd's read
    private final MemorySegment one;       // 1, for the eventfd's write: any thread's, so not in the arena
    private final Object wakeLock = new Object(); // a wakeup never writes to a closed (maybe reused) eventfd
    final Libc.Scratch scratch = new Libc.Scratch(); // the loop thread's
    private final int epfd;
    private final int wakeFd;
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final ConcurrentLinkedQueue<EpollChannel> closing = new ConcurrentLinkedQueue<>();
    private EpollChannel[] channels = new EpollChannel[256];
    private Object[] attachments = new Object[256];
    private volatile Thread loop;
    private volatile boolean closed;

    EpollPoller(Events events) {
        this.events = events;
        this.ready = arena.allocate(ABI.epollEventSize * MAX_EVENTS, 8);
        this.change = arena.allocate(ABI.epollEventSize, 8);
        this.counter = arena.allocate(JAVA_LONG);
        this.one = Arena.ofAuto().allocate(JAVA_LONG);
        one.set(JAVA_LONG, 0, 1L);
        try {
            epfd = (int) Libc.EPOLL_CREATE1.invokeExact(scratch.errno, ABI.epollCloexec);
            if (epfd < 0) {
                throw new UncheckedIOException("cannot open an epoll set", NioErrors.ioError(scratch.errno()));
            }
            wakeFd = (int) Libc.EVENTFD.invokeExact(scratch.errno, 0, ABI.efdNonblock | ABI.efdCloexec);
            if (wakeFd < 0) {
                int errno = scratch.errno();
                EpollChannel.closeDescriptor(epfd);
                throw new UncheckedIOException("cannot open an eventfd", NioErrors.ioError(errno));
            }
            control(ABI.epollCtlAdd, wakeFd, ABI.epollIn, WAKE);
        } catch (RuntimeException | Error e) {
            arena.close();
            throw e;
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    boolean isLoopThread() {
        return loop == Thread.currentThread();
    }

    @Override
    public void register(Channel channel, Object attachment) {
        if (!(channel instanceof EpollChannel epoll)) {
            throw new IllegalArgumentException("a " + channel.getClass().getSimpleName()
                    + " cannot be polled by the epoll transport");
        }
        if (!epoll.isOpen()) {
            throw new UncheckedIOException(new ClosedChannelException());
        }
        int fd = epoll.fd;
        if (fd >= channels.length) {
            int size = Math.max(fd + 1, channels.length * 2);
            channels = Arrays.copyOf(channels, size);
            attachments = Arrays.copyOf(attachments, size);
        }
        channels[fd] = epoll;
        attachments[fd] = attachment;
        epoll.poller = this;
    }

    @Override
    public void want(Channel channel, int ops) {
        EpollChannel epoll = (EpollChannel) channel;
        if ((epoll.interest & ops) != ops) {
            interest(epoll, epoll.interest | ops);
        } else if (epoll.reportMayHold(ops)) {
            interest(epoll, epoll.interest); // epoll_ctl looks again, as level triggering would
        }
    }

    @Override
    public void forget(Channel channel, int ops) {
        EpollChannel epoll = (EpollChannel) channel;
        if ((epoll.interest & ops) != 0 && epoll.isOpen()) {
            interest(epoll, epoll.interest & ~ops);
        }
    }

    private void interest(EpollChannel channel, int ops) {
        int op = ops == 0 ? ABI.epollCtlDel : channel.interest != 0 ? ABI.epollCtlMod : ABI.epollCtlAdd;
        int result = control(op, channel.fd, epollEvents(ops) | channel.triggering(), channel.fd);
        if (result < 0) {
            if (!channel.isOpen()) { // closed by another thread since it was checked
                throw new UncheckedIOException(new ClosedChannelException());
            }
            throw new UncheckedIOException(NioErrors.ioError(scratch.errno()));
        }
        channel.interest = (byte) ops;
        channel.lookedAgain();
    }

    private int control(int op, int fd, int epollEvents, long data) {
        change.set(JAVA_INT_UNALIGNED, 0, epollEvents);
        change.set(JAVA_LONG_UNALIGNED, ABI.epollEventDataOffset, data);
        try {
            return (int) Libc.EPOLL_CTL.invokeExact(scratch.errno, epfd, op, fd, change);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    private static int epollEvents(int ops) {
        int events = 0;
        if ((ops & (READ | ACCEPT)) != 0) {
            events |= ABI.epollIn;
        }
        if ((ops & (WRITE | CONNECT)) != 0) {
            events |= ABI.epollOut;
        }
        return events;
    }

    @Override
    public void poll(long timeoutNanos) {
        loop = Thread.currentThread();
        closePending();
        int timeoutMillis;
        if (timeoutNanos <= 0) {
            timeoutMillis = 0;
        } else if (timeoutNanos == Long.MAX_VALUE) {
            timeoutMillis = -1;
        } else { // round up: a 0.3 ms wait must not become a poll that does not wait
            timeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, (timeoutNanos + 999_999) / 1_000_000));
        }
        int count;
        try {
            count = (int) Libc.EPOLL_WAIT.invokeExact(scratch.errno, epfd, ready, MAX_EVENTS, timeoutMillis);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
        if (count < 0) {
            if (scratch.errno() == ABI.eintr) {
                return;
            }
            throw new UncheckedIOException("epoll_wait failed", NioErrors.ioError(scratch.errno()));
        }
        for (int i = 0; i < count; i++) {
            long at = i * ABI.epollEventSize;
            int happened = ready.get(JAVA_INT_UNALIGNED, at);
            int fd = (int) ready.get(JAVA_LONG_UNALIGNED, at + ABI.epollEventDataOffset);
            if (fd == WAKE) {
                drainWakeups();
                continue;
            }
            EpollChannel channel = fd < channels.length ? channels[fd] : null;
            if (channel == null || !channel.isOpen()) {
                continue;
            }
            int readyOps = readyOps(happened, channel.interest);
            channel.reported(readyOps, (happened & (ABI.epollRdhup | ABI.epollHup | ABI.epollErr)) != 0);
            if (readyOps != 0) {
                events.ready(attachments[fd], readyOps);
            }
        }
    }

    /** As java.nio: an error or hang-up makes every operation asked for ready, so its call meets the failure. */
    private static int readyOps(int happened, int interest) {
        int ops = 0;
        if ((happened & (ABI.epollIn | ABI.epollErr | ABI.epollHup)) != 0) {
            ops |= interest & (READ | ACCEPT);
        }
        if ((happened & (ABI.epollOut | ABI.epollErr | ABI.epollHup)) != 0) {
            ops |= interest & (WRITE | CONNECT);
        }
        return ops;
    }

    private void drainWakeups() {
        wakeupPending.set(false);
        try {
            long ignored = (long) Libc.READ.invokeExact(scratch.errno, wakeFd, counter, 8L);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void wakeup() {
        if (wakeupPending.compareAndSet(false, true)) {
            synchronized (wakeLock) {
                if (!closed) {
                    try {
                        long ignored = (long) Libc.WRITE.invokeExact(Libc.scratch().errno, wakeFd, one, 8L);
                    } catch (Throwable e) {
                        throw new AssertionError(e);
                    }
                }
            }
        }
    }

    /**
     * A channel of this poller was closed: true if the loop will close its descriptor (a close
     * from another thread, while the loop may be using it), false if the caller should now.
     */
    boolean closeLater(EpollChannel channel) {
        if (closed || loop == null || isLoopThread()) {
            forgetDescriptor(channel);
            return false;
        }
        channel.shutdown();
        closing.add(channel);
        wakeup();
        return true;
    }

    private void forgetDescriptor(EpollChannel channel) {
        int fd = channel.fd;
        if (fd < channels.length && channels[fd] == channel) {
            channels[fd] = null;
            attachments[fd] = null;
        }
    }

    private void closePending() {
        EpollChannel channel;
        while ((channel = closing.poll()) != null) {
            forgetDescriptor(channel);
            try {
                EpollChannel.closeDescriptor(channel.fd);
            } catch (IOException ignored) {
                // closed for good either way
            }
        }
    }

    @Override
    public void close() {
        synchronized (wakeLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        closePending();
        try {
            EpollChannel.closeDescriptor(wakeFd);
            EpollChannel.closeDescriptor(epfd);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            arena.close();
        }
    }
}
