package weft.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * Runs java.nio's blocking accept, write, read and close once on a private loopback connection
 * at start-up ({@link WarmUp} does the same through the transport).
 *
 * <p>Why: the JDK initializes some of its I/O classes on first use, and one of them
 * ({@code sun.nio.ch.FileDispatcherImpl} on JDK 17) opens a file descriptor as it does. If that
 * first use comes while the process is out of fds, the class fails to initialize for good and
 * every later write of every connection fails (seen here with {@code ulimit -n 256} and 400
 * clients: ExceptionInInitializerError, then NoClassDefFoundError). Using each path once while
 * fds are plentiful rules that out, whatever the JDK version calls its classes.
 */
final class NioWarmUp {
    private NioWarmUp() {}

    static void run() throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            try (SocketChannel client = SocketChannel.open(server.getLocalAddress());
                 SocketChannel accepted = server.accept()) {
                client.write(ByteBuffer.wrap(new byte[] {1}));
                ByteBuffer one = ByteBuffer.allocateDirect(1);
                while (one.hasRemaining() && accepted.read(one) >= 0) {
                    // a blocking read of the one byte just written
                }
                accepted.configureBlocking(false);
                accepted.write(one.flip());
            }
        }
    }
}
