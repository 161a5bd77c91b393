package weft.monitor;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import kilim.Pausable;
import weft.net.GenSocket;

/**
 * Lines from a {@link GenSocket}, split at {@code \n} (a trailing {@code \r} dropped), each at
 * most a given length: a monitor client may send anything, and a line that never ends must not
 * grow without bound.
 */
final class LineReader {
    /** A line longer than the reader takes. */
    static final class TooLong extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLong(int max) {
            super("line longer than " + max + " bytes", null, false, false);
        }
    }

    private final GenSocket socket;
    private final int maxLength;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private ByteBuffer pending = ByteBuffer.allocate(0);

    LineReader(GenSocket socket, int maxLength) {
        this.socket = socket;
        this.maxLength = maxLength;
    }

    /** The next line, waiting for it; null at end of stream (a partial last line is dropped). */
    String next() throws Pausable {
        while (true) {
            while (pending.hasRemaining()) {
                byte b = pending.get();
                if (b == '\n') {
                    return take();
                }
                if (line.size() == maxLength) {
                    throw new TooLong(maxLength);
                }
                line.write(b);
            }
            pending = socket.recv(4096);
            if (pending == null) {
                return null;
            }
        }
    }

    private String take() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
