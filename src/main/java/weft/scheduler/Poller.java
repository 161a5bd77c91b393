package weft.scheduler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Where readiness comes from: the seed's {@code select(recv_wait, send_wait, [])}, here a
 * java.nio {@link Selector} (epoll on Linux). The scheduler tells it which channels it wants to
 * hear about and polls it; it reports each ready channel with its ready operations. Nothing
 * else in the kernel touches the selector.
 *
 * <p>Interest is added when a task parks and dropped only when a poll reports a channel no
 * task waits on: a connection in ping-pong never changes it, so steady state costs no
 * epoll_ctl calls.
 */
final class Poller implements AutoCloseable {

    /** Told of each channel a poll found ready. */
    interface ReadyChannels {
        void ready(Pollable channel, int readyOps);
    }

    private final Selector selector;
    private final Consumer<SelectionKey> onKey;

    Poller(ReadyChannels readyChannels) {
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
        this.onKey = key -> {
            int readyOps;
            try {
                readyOps = key.readyOps();
            } catch (CancelledKeyException closed) {
                return;
            }
            readyChannels.ready((Pollable) key.attachment(), readyOps);
        };
    }

    /** Registers {@code channel}, with no interest yet; a closed channel fails as java.nio says. */
    void register(Pollable channel) {
        try {
            channel.key = channel.channel.register(selector, 0, channel);
        } catch (ClosedChannelException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reports {@code channel} when it is ready for {@code op}, from the next poll on. */
    void want(Pollable channel, int op) {
        if ((channel.interest & op) == 0) {
            try {
                channel.key.interestOps(channel.interest | op);
            } catch (CancelledKeyException closed) { // closed by another thread since it was checked
                throw new UncheckedIOException(new ClosedChannelException());
            }
            channel.interest |= op;
        }
    }

    /** Stops reporting {@code channel} for {@code op}. */
    void forget(Pollable channel, int op) {
        if ((channel.interest & op) != 0 && channel.key.isValid()) {
            channel.interest &= ~op;
            channel.key.interestOps(channel.interest);
        }
    }

    /**
     * Waits up to {@code timeoutNanos} (0: not at all; Long.MAX_VALUE: until something is ready
     * or {@link #wakeup}) and reports the ready channels.
     */
    void poll(long timeoutNanos) {
        try {
            if (timeoutNanos <= 0) {
                selector.selectNow(onKey);
            } else if (timeoutNanos == Long.MAX_VALUE) {
                selector.select(onKey);
            } else {
                // Round up: a 0.3 ms wait must not become select(0), which means "forever".
                selector.select(onKey, Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNanos + 999_999)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("selector failed", e);
        }
    }

    /** From any thread: makes a poll in progress, or the next one, return at once. */
    void wakeup() {
        selector.wakeup();
    }

    @Override
    public void close() {
        try {
            selector.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
