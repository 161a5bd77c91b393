package weft.transport;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The seam under the scheduler: where readiness comes from ({@link #openPoller}) and how a TCP
 * socket is opened ({@link #listen}, {@link #connect}), then read, written, accepted and closed
 * ({@link Stream}, {@link Acceptor}). Everything above it, tasks, traps, the generator
 * protocol, sees only these calls, so the kernel runs the same on either implementation:
 * <ul>
 *   <li>{@code nio}: java.nio's {@code Selector} and socket channels, on every JDK from 17 and
 *       every OS;</li>
 *   <li>{@code epoll}: Linux's epoll and socket calls made directly through the JDK's FFM API
 *       ({@code java.lang.foreign}), on JDK 22+ and Linux x86_64 or aarch64: the syscalls a C
 *       server makes, without java.nio's per-channel locks and key maps.</li>
 * </ul>
 * {@link Transports} picks one. A failing call throws exactly what the java.nio call would
 * (class and message), so what a server logs does not depend on the transport.
 *
 * <p>Threads: a {@link Poller} is driven by one loop; {@link Channel#close} and
 * {@link Poller#wakeup} may be called from any thread.
 */
public interface Transport {

    /** {@code nio} or {@code epoll}: what {@code --transport} takes. */
    String name();

    /** A poller that reports ready channels to {@code events}. */
    Poller openPoller(Poller.Events events);

    /**
     * A listening socket, non-blocking, with SO_REUSEADDR; the IPv4 wildcard listens on both
     * stacks where IPv6 is available, as java.nio's does.
     *
     * @throws IOException as java.nio throws it: BindException "Address already in use", say
     */
    Acceptor listen(InetSocketAddress address, int backlog) throws IOException;

    /**
     * A socket connecting to {@code address}, non-blocking: unless
     * {@link Stream#isConnectionPending} is false at once, wait for {@link Poller#CONNECT}, then
     * call {@link Stream#finishConnect}.
     */
    Stream connect(InetSocketAddress address) throws IOException;
}
