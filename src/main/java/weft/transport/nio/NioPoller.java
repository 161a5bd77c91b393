package weft.transport.nio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import weft.transport.Channel;
import weft.transport.Poller;

/**
 * Readiness from a java.nio {@link Selector} (epoll on Linux, through the JDK's own code).
 *
 * <p>Interest is added when a task parks and dropped only when a poll reports a channel no
 * task waits on: a connection in ping-pong never changes it, so steady state costs no
 * epoll_ctl calls.
 */
final class NioPoller implements Poller {
    private final Selector selector;
    private final Consumer<SelectionKey> onKey;

    NioPoller(Events events) {
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
            events.ready(key.attachment(), readyOps);
        };
    }

    @Override
    public void register(Channel channel, Object attachment) {
        if (!(channel instanceof NioChannel nio)) {
            throw new IllegalArgumentException("a " + channel.getClass().getSimpleName()
                    + " cannot be polled by the nio transport");
        }
        try {
            nio.key = nio.channel.register(selector, 0, attachment);
        } catch (ClosedChannelException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void want(Channel channel, int ops) {
        NioChannel nio = (NioChannel) channel;
        if ((nio.interest & ops) != ops) {
            try {
                nio.key.interestOps(nio.interest | ops);
            } catch (CancelledKeyException closed) { // closed by another thread since it was checked
                throw new UncheckedIOException(new ClosedChannelException());
            }
            nio.interest |= ops;
        }
    }

    @Override
    public void forget(Channel channel, int ops) {
        NioChannel nio = (NioChannel) channel;
        if ((nio.interest & ops) != 0 && nio.key.isValid()) {
            nio.interest &= ~ops;
            nio.key.interestOps(nio.interest);
        }
    }

    @Override
    public void poll(long timeoutNanos) {
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

    @Override
    public void wakeup() {
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
