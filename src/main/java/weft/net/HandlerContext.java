package weft.net;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * What every echo handler of one server shares: the reply's prefix, the server's figures and
 * log, and whether it is stopping. One per server, so a handler holds one reference to it,
 * not four: an idle connection costs the server little more than its task and socket.
 */
public final class HandlerContext {
    final byte[] prefix;
    final ServerStats stats;
    final ServerLog log;
    private final BooleanSupplier stopping;

    /**
     * @param stopping true once the server stops: a handler then no longer waits for input; it
     *                 answers what its client has sent already, and ends
     */
    public HandlerContext(byte[] prefix, ServerStats stats, ServerLog log, BooleanSupplier stopping) {
        if (prefix.length > TcpSocket.HEADROOM) {
            throw new IllegalArgumentException("prefix longer than " + TcpSocket.HEADROOM + " bytes");
        }
        this.prefix = prefix.clone();
        this.stats = Objects.requireNonNull(stats, "stats");
        this.log = Objects.requireNonNull(log, "log");
        this.stopping = Objects.requireNonNull(stopping, "stopping");
    }

    boolean stopping() {
        return stopping.getAsBoolean();
    }
}
