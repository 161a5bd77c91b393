package weft.transport;

import java.io.IOException;

/** An open socket of some {@link Transport}, the thing a {@link Poller} watches. */
public interface Channel extends AutoCloseable {

    boolean isOpen();

    /**
     * Closes the socket, from any thread; closing twice does nothing. An operation on it
     * afterwards throws ClosedChannelException, as java.nio's do.
     */
    @Override
    void close() throws IOException;
}
