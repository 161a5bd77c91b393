package weft.transport;

/**
 * Where readiness comes from: the seed's {@code select(recv_wait, send_wait, [])}. The scheduler
 * registers the channels its tasks wait on, says which operations it wants to hear about, and
 * polls; each ready channel is reported with its ready operations and the attachment it was
 * registered with. Level-triggered, like {@code select}, as far as a wait can tell: a
 * {@link #want} of an operation the channel is ready for is answered by the next poll, whether or
 * not it was reported before. Between wants, a channel reported and not read or written may be
 * reported again (java.nio) or not (epoll, edge-triggered until the next want).
 *
 * <p>Operations are java.nio's {@code SelectionKey} bits, whatever the transport.
 */
public interface Poller extends AutoCloseable {
    int READ = 1;      // SelectionKey.OP_READ
    int WRITE = 4;     // SelectionKey.OP_WRITE
    int CONNECT = 8;   // SelectionKey.OP_CONNECT
    int ACCEPT = 16;   // SelectionKey.OP_ACCEPT

    /** Told of each channel a poll found ready. */
    interface Events {
        void ready(Object attachment, int readyOps);
    }

    /**
     * Registers {@code channel}, with no interest yet. Fails as java.nio does on a closed channel
     * (UncheckedIOException of ClosedChannelException), and with IllegalArgumentException on a
     * channel of another transport.
     */
    void register(Channel channel, Object attachment);

    /** Reports {@code channel} when it is ready for {@code ops}, from the next poll on: at once if it is now. */
    void want(Channel channel, int ops);

    /** Stops reporting {@code channel} for {@code ops}. */
    void forget(Channel channel, int ops);

    /**
     * Waits up to {@code timeoutNanos} (0: not at all; Long.MAX_VALUE: until something is ready
     * or {@link #wakeup}) and reports the ready channels.
     */
    void poll(long timeoutNanos);

    /** From any thread: makes a poll in progress, or the next one, return at once. */
    void wakeup();

    @Override
    void close();
}
