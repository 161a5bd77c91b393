package weft.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import weft.net.Addresses;

/**
 * What every transport does the same, run against each one this JVM can run (nio always;
 * epoll on Linux with JDK 22+): the readiness it reports, partial writes, end of stream, a reset
 * and a write to a gone peer failing with java.nio's exceptions and messages, never SIGPIPE,
 * both stacks on the wildcard address, a close from another thread, a wakeup.
 *
 * <p>The expected exceptions are java.nio's own, read off JDK 17 and 25 (the same on both).
 */
@Timeout(30)
class TransportContractTest {
    private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    static List<Transport> transports() {
        return Transports.available();
    }

    @Test
    void epollIsAvailableExactlyWhereItCanRun() {
        boolean canRun = System.getProperty("os.name").equals("Linux")
                && List.of("amd64", "aarch64").contains(System.getProperty("os.arch"))
                && Runtime.version().feature() >= 22;
        assertThat(Transports.whyNoEpoll() == null).as("epoll available: %s", Transports.whyNoEpoll())
                .isEqualTo(canRun);
        assertThat(Transports.auto().name()).isEqualTo(canRun ? "epoll" : "nio");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void acceptConnectReadAndWriteAndReportReadiness(Transport transport) throws Exception {
        try (Poller poller = transport.openPoller(readiness);
             Acceptor server = transport.listen(LOOPBACK, 16);
             Stream client = transport.connect(server.localAddress())) {
            poller.register(server, "server");
            poller.register(client, "client");
            Stream accepted = acceptWithin(poller, server);
            try (accepted) {
                if (client.isConnectionPending()) {
                    poller.want(client, Poller.CONNECT);
                    awaitReady(poller, "client", Poller.CONNECT);
                    poller.forget(client, Poller.CONNECT);
                    client.finishConnect();
                }
                assertThat(accepted.remoteAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
                assertThat(client.remoteAddress()).isEqualTo(server.localAddress());
                poller.register(accepted, "accepted");
                poller.want(accepted, Poller.READ);
                assertThat(client.write(ByteBuffer.wrap("ping".getBytes()))).isEqualTo(4);
                awaitReady(poller, "accepted", Poller.READ);
                ByteBuffer into = ByteBuffer.allocate(16);  // a heap buffer
                assertThat(accepted.read(into)).isEqualTo(4);
                assertThat(new String(into.array(), 0, 4)).isEqualTo("ping");
                assertThat(accepted.read(ByteBuffer.allocateDirect(16))).as("nothing more yet").isZero();
                assertThat(client.noDelay()).isFalse();
                client.setNoDelay(true);
                assertThat(client.noDelay()).isTrue();
            }
        }
    }

    /** select's rule, which a task relies on when it waits again before reading: epoll's edge triggering must not show. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void aWantIsAnsweredWhileTheReadinessReportedBeforeIsNotUsedUp(Transport transport) throws Exception {
        withAcceptedConnection(transport, (poller, peer, accepted) -> {
            poller.want(accepted, Poller.READ);
            peer.write(ByteBuffer.wrap("ping".getBytes()));
            awaitReady(poller, "accepted", Poller.READ);
            poller.want(accepted, Poller.READ); // nothing read: still readable
            awaitReady(poller, "accepted", Poller.READ);

            poller.want(accepted, Poller.WRITE);
            awaitReady(poller, "accepted", Poller.WRITE);
            poller.want(accepted, Poller.WRITE); // nothing written: still writable
            awaitReady(poller, "accepted", Poller.WRITE);

            assertThat(accepted.read(ByteBuffer.allocate(16))).isEqualTo(4);
            poller.want(accepted, Poller.READ);
            poller.poll(Duration.ofMillis(50).toNanos());
            assertThat(readyOps.getOrDefault("accepted", 0) & Poller.READ).as("read to the end: not readable").isZero();
            peer.write(ByteBuffer.wrap("pong".getBytes()));
            awaitReady(poller, "accepted", Poller.READ);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void theEndOfStreamBehindTheLastDataIsReportedAfterAShortReadOfThatData(Transport transport) throws Exception {
        withAcceptedConnection(transport, (poller, peer, accepted) -> {
            peer.write(ByteBuffer.wrap("last".getBytes()));
            peer.shutdownOutput();
            poller.want(accepted, Poller.READ);
            awaitReady(poller, "accepted", Poller.READ);
            ByteBuffer into = ByteBuffer.allocate(16);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (into.position() < 4 && System.nanoTime() < deadline) {
                accepted.read(into); // the data, in one read or more, each shorter than asked
            }
            assertThat(into.position()).isEqualTo(4);
            poller.want(accepted, Poller.READ);
            awaitReady(poller, "accepted", Poller.READ); // the end of stream, still to be read
            assertThat(accepted.read(into)).isEqualTo(-1);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void aWriteTheKernelCannotTakeWholeComesBackShortAndWritableLater(Transport transport) throws Exception {
        withAcceptedConnection(transport, (poller, peer, accepted) -> {
            ByteBuffer flood = ByteBuffer.allocateDirect(1 << 20);
            long written = 0;
            int last;
            do {
                flood.clear();
                last = accepted.write(flood);
                written += last;
            } while (!flood.hasRemaining() || last > 0 && written < (64 << 20));
            assertThat(flood.hasRemaining()).as("a write came back short").isTrue();
            assertThat(accepted.write(ByteBuffer.allocate(1))).as("full: nothing taken").isZero();
            poller.want(accepted, Poller.WRITE);
            ByteBuffer drain = ByteBuffer.allocateDirect(1 << 20);
            long drained = 0;
            while (drained < written) {
                drain.clear();
                drained += peer.read(drain);
            }
            awaitReady(poller, "accepted", Poller.WRITE);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void endOfStreamReadsMinusOne(Transport transport) throws Exception {
        withAcceptedConnection(transport, (poller, peer, accepted) -> {
            peer.close();
            poller.want(accepted, Poller.READ);
            awaitReady(poller, "accepted", Poller.READ);
            assertThat(accepted.read(ByteBuffer.allocateDirect(8))).isEqualTo(-1);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void shutdownOutputEndsThePeersInputAndLeavesOursOpen(Transport transport) throws Exception {
        withAcceptedConnection(transport, (poller, peer, accepted) -> {
            accepted.write(ByteBuffer.wrap("last".getBytes(StandardCharsets.US_ASCII)));
            accepted.shutdownOutput();
            accepted.shutdownOutput(); // a second time does nothing

            ByteBuffer got = ByteBuffer.allocate(16);
            while (peer.read(got) >= 0) {
                // blocking: "last", then end of stream
            }
            assertThat(new String(got.array(), 0, got.position(), StandardCharsets.US_ASCII)).isEqualTo("last");
            assertThatThrownBy(() -> accepted.write(ByteBuffer.wrap(new byte[1])))
                    .as("java.nio throws its subclass AsynchronousCloseException on JDK 17")
                    .isInstanceOf(ClosedChannelException.class);

            peer.write(ByteBuffer.wrap("reply".getBytes(StandardCharsets.US_ASCII)));
            poller.want(accepted, Poller.READ);
            awaitReady(poller, "accepted", Poller.READ);
            ByteBuffer reply = ByteBuffer.allocateDirect(16);
            assertThat(accepted.read(reply)).as("reading still works").isEqualTo(5);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void aResetFailsReadsAndWritesAsJavaNioDoesWithoutSigpipe(Transport transport) throws Exception {
        try (Poller poller = transport.openPoller(readiness);
             Acceptor server = transport.listen(LOOPBACK, 16)) {
            poller.register(server, "server");
            SocketChannel reader = SocketChannel.open(server.localAddress());
            try (Stream readSide = acceptWithin(poller, server)) {
                reset(reader);
                poller.register(readSide, "reset");
                poller.want(readSide, Poller.READ);
                awaitReady(poller, "reset", Poller.READ);
                for (int time = 0; time < 2; time++) {
                    assertThatThrownBy(() -> readSide.read(ByteBuffer.allocateDirect(8)))
                            .isExactlyInstanceOf(SocketException.class).hasMessage("Connection reset");
                }
            }
            SocketChannel writer = SocketChannel.open(server.localAddress());
            try (Stream writeSide = acceptWithin(poller, server)) {
                reset(writer);
                poller.register(writeSide, "reset writer");
                poller.want(writeSide, Poller.READ);
                awaitReady(poller, "reset writer", Poller.READ);
                assertThatThrownBy(() -> writeSide.write(ByteBuffer.wrap(new byte[8])))
                        .isExactlyInstanceOf(IOException.class).hasMessage("Connection reset by peer");
                assertThatThrownBy(() -> writeSide.write(ByteBuffer.wrap(new byte[8])))
                        .as("no SIGPIPE: the process is still here to say so")
                        .isExactlyInstanceOf(IOException.class).hasMessage("Broken pipe");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void failuresToConnectAndToBindAreJavaNiosExceptions(Transport transport) throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = probe.getLocalPort();
        }
        try (Poller poller = transport.openPoller(readiness);
             Stream refused = transport.connect(new InetSocketAddress("127.0.0.1", closedPort))) {
            poller.register(refused, "refused");
            poller.want(refused, Poller.CONNECT);
            awaitReady(poller, "refused", Poller.CONNECT);
            assertThatThrownBy(refused::finishConnect)
                    .isExactlyInstanceOf(ConnectException.class).hasMessage("Connection refused");
        } catch (ConnectException refusedAtOnce) { // loopback may refuse in connect itself
            assertThat(refusedAtOnce).hasMessage("Connection refused");
        }
        try (Acceptor taken = transport.listen(LOOPBACK, 1)) {
            assertThatThrownBy(() -> transport.listen(taken.localAddress(), 1).close())
                    .isExactlyInstanceOf(BindException.class).hasMessage("Address already in use");
        }
        assertThatThrownBy(() -> transport.listen(new InetSocketAddress("192.0.2.1", 0), 1).close())
                .isExactlyInstanceOf(BindException.class).hasMessage("Cannot assign requested address");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void aClosedSocketFailsEveryCallWithClosedChannelException(Transport transport) throws Exception {
        try (Poller poller = transport.openPoller(readiness)) {
            Acceptor server = transport.listen(LOOPBACK, 16);
            Stream client = transport.connect(server.localAddress());
            client.close();
            server.close();
            server.close(); // twice: nothing
            assertThat(client.isOpen()).isFalse();
            assertThatThrownBy(server::accept).isExactlyInstanceOf(ClosedChannelException.class);
            assertThatThrownBy(() -> client.read(ByteBuffer.allocate(1))).isExactlyInstanceOf(ClosedChannelException.class);
            assertThatThrownBy(() -> client.write(ByteBuffer.allocate(1))).isExactlyInstanceOf(ClosedChannelException.class);
            assertThatThrownBy(() -> poller.register(client, "closed")).hasCauseExactlyInstanceOf(ClosedChannelException.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void theWildcardAddressListensOnBothStacksLikeTheSeed(Transport transport) throws Exception {
        try (Poller poller = transport.openPoller(readiness);
             Acceptor server = transport.listen(new InetSocketAddress(0), 16)) {
            int port = server.localAddress().getPort();
            assertThat(Addresses.python(server.localAddress())).isEqualTo("('::', " + port + ", 0, 0)");
            poller.register(server, "server");
            try (SocketChannel v4 = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
                 Stream accepted = acceptWithin(poller, server)) {
                assertThat(accepted.remoteAddress().getAddress()).isInstanceOf(Inet4Address.class);
                assertThat(Addresses.python(accepted.remoteAddress()))
                        .isEqualTo("('127.0.0.1', " + ((InetSocketAddress) v4.getLocalAddress()).getPort() + ")");
            }
            try (SocketChannel v6 = SocketChannel.open(new InetSocketAddress("::1", port));
                 Stream accepted = acceptWithin(poller, server)) {
                assertThat(accepted.remoteAddress().getAddress()).isInstanceOf(Inet6Address.class);
                assertThat(Addresses.python(accepted.remoteAddress()))
                        .isEqualTo("('::1', " + ((InetSocketAddress) v6.getLocalAddress()).getPort() + ", 0, 0)");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void aCloseFromAnotherThreadEndsTheConnectionForThePeer(Transport transport) throws Exception {
        try (Poller poller = transport.openPoller(readiness);
             Acceptor server = transport.listen(LOOPBACK, 16);
             SocketChannel peer = SocketChannel.open(server.localAddress())) {
            poller.register(server, "server");
            Stream accepted = acceptWithin(poller, server);
            poller.register(accepted, "accepted");
            poller.want(accepted, Poller.READ);
            poller.poll(0); // the loop has polled: it owns the socket now
            Thread closer = new Thread(() -> {
                try {
                    accepted.close();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            closer.start();
            closer.join();
            assertThat(accepted.isOpen()).isFalse();
            poller.poll(0); // the loop finishes the close
            peer.socket().setSoTimeout((int) PATIENCE.toMillis());
            assertThat(peer.socket().getInputStream().read()).as("the peer sees the end").isEqualTo(-1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void aWakeupFromAnotherThreadEndsAPollThatWaitsForever(Transport transport) throws Exception {
        try (Poller poller = transport.openPoller(readiness)) {
            Thread waker = new Thread(poller::wakeup);
            waker.start();
            poller.poll(Long.MAX_VALUE);
            waker.join();
            poller.wakeup();
            poller.wakeup();
            poller.poll(Long.MAX_VALUE); // a wakeup before the poll counts too
        }
    }

    // ---------------------------------------------------------------- helpers

    private final Map<Object, Integer> readyOps = new ConcurrentHashMap<>();
    private final Poller.Events readiness = (attachment, ops) -> readyOps.merge(attachment, ops, (a, b) -> a | b);

    /** A connection from a java.nio peer, accepted on {@code transport} and registered as "accepted". */
    private void withAcceptedConnection(Transport transport, ConnectionTest test) throws Exception {
        try (Poller poller = transport.openPoller(readiness);
             Acceptor server = transport.listen(LOOPBACK, 16);
             SocketChannel peer = SocketChannel.open(server.localAddress())) {
            poller.register(server, "server");
            try (Stream accepted = acceptWithin(poller, server)) {
                poller.register(accepted, "accepted");
                test.run(poller, peer, accepted);
            }
        }
    }

    private interface ConnectionTest {
        void run(Poller poller, SocketChannel peer, Stream accepted) throws Exception;
    }

    /** Polls until {@code attachment} has been reported ready for {@code op}, then forgets what was seen of it. */
    private void awaitReady(Poller poller, Object attachment, int op) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while ((readyOps.getOrDefault(attachment, 0) & op) == 0) {
            assertThat(System.nanoTime()).as("%s ready for %d within %s", attachment, op, PATIENCE).isLessThan(deadline);
            poller.poll(Duration.ofMillis(100).toNanos());
        }
        readyOps.remove(attachment);
    }

    private Stream acceptWithin(Poller poller, Acceptor server) throws IOException {
        poller.want(server, Poller.ACCEPT);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        Stream accepted;
        while ((accepted = server.accept()) == null) {
            assertThat(System.nanoTime()).as("a connection within %s", PATIENCE).isLessThan(deadline);
            poller.poll(Duration.ofMillis(100).toNanos());
        }
        return accepted;
    }

    /** Closes with SO_LINGER 0: the peer gets a reset, not an end of stream. */
    private static void reset(SocketChannel channel) throws IOException {
        channel.setOption(StandardSocketOptions.SO_LINGER, 0);
        channel.close();
    }
}
