package weft.transport;

import java.io.IOException;
import java.net.InetSocketAddress;

/** A listening TCP socket in non-blocking mode: java.nio's {@code ServerSocketChannel}, cut down. */
public interface Acceptor extends Channel {

    /**
     * Accepts one pending connection, non-blocking; null if none is pending. Out of file
     * descriptors, IOException "Too many open files", as java.nio says it.
     */
    Stream accept() throws IOException;

    /** Where it listens; with port 0, the port the system chose. */
    InetSocketAddress localAddress();
}
