package weft.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;

import weft.transport.Acceptor;
import weft.transport.Poller;
import weft.transport.Stream;
import weft.transport.Transport;

/**
 * Runs listen, connect, accept, write, read, poll and close once, through the transport, on a
 * private loopback connection at start-up, while file descriptors are plentiful.
 *
 * <p>Why: code run for the first time may load and initialize classes, and some do more than
 * that: {@code sun.nio.ch.FileDispatcherImpl} on JDK 17 opens a file descriptor as it
 * initializes. If that first use comes while the process is out of fds, the class fails to
 * initialize for good and every later write of every connection fails (seen here with
 * {@code ulimit -n 256} and 400 clients: ExceptionInInitializerError, then
 * NoClassDefFoundError). Using each path once at start-up rules that out, whatever the
 * transport and whatever the JDK version calls its classes; java.nio's blocking calls, used
 * nowhere else, get {@link NioWarmUp} as well.
 */
final class WarmUp {
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private WarmUp() {}

    static void run(Transport transport) throws IOException {
        try (Poller poller = transport.openPoller((attachment, readyOps) -> { });
             Acceptor server = transport.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
             Stream client = transport.connect(server.localAddress())) {
            poller.register(server, server);
            poller.want(server, Poller.ACCEPT);
            poller.register(client, client);
            poller.want(client, Poller.CONNECT);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            Stream pending;
            while ((pending = server.accept()) == null) {
                poll(poller, deadline);
            }
            try (Stream accepted = pending) {
                client.finishConnect();
                client.write(ByteBuffer.wrap(new byte[] {1}));
                ByteBuffer one = ByteBuffer.allocateDirect(1);
                while (one.hasRemaining() && accepted.read(one) >= 0) {
                    poll(poller, deadline);
                }
                accepted.write(one.flip());
            }
        }
    }

    private static void poll(Poller poller, long deadline) throws IOException {
        if (System.nanoTime() - deadline > 0) {
            throw new IOException("loopback warm-up got no answer in " + PATIENCE.toSeconds() + " s");
        }
        poller.poll(Duration.ofMillis(1).toNanos());
    }
}
