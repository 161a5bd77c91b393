package weft.chat;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Cuts a client's byte stream into chat lines: the bytes before each {@code \n}, with one
 * trailing {@code \r} removed and nothing else touched (no charset, no trimming). Input comes in
 * whatever chunks {@code recv} returns; a line split across chunks is kept here until its
 * {@code \n} arrives, and a partial line left when the stream ends is simply never handed on.
 *
 * <p>Lines longer than {@link #MAX_LINE} bytes are refused: {@link #feed} says so as soon as it
 * can tell (the {@code \n} has come, or more than {@code MAX_LINE + 1} bytes are pending, one
 * for a {@code \r}), so a client cannot make the server hold an endless line.
 */
final class LineSplitter {
    /** The longest line relayed, in bytes, without its {@code \r\n}. */
    static final int MAX_LINE = 4096;

    /** Where complete lines go; the array is the line's own, the receiver may keep it. */
    @FunctionalInterface
    interface Lines {
        void line(byte[] line);
    }

    private byte[] pending = new byte[0]; // the start of a line whose \n has not come yet
    private int pendingLength;

    /**
     * Hands every complete line in {@code chunk} to {@code lines}, in order, and keeps the rest.
     * Returns false, at the first line too long, having handed on the lines before it.
     */
    boolean feed(ByteBuffer chunk, Lines lines) {
        byte[] bytes = chunk.array();
        int start = chunk.arrayOffset() + chunk.position();
        int end = chunk.arrayOffset() + chunk.limit();
        for (int i = start; i < end; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            byte[] line = join(bytes, start, i);
            if (line == null) {
                return false;
            }
            lines.line(line);
            start = i + 1;
        }
        return keep(bytes, start, end);
    }

    /** The pending bytes and {@code bytes[from, to)} as one line, {@code \r} removed; null if too long. */
    private byte[] join(byte[] bytes, int from, int to) {
        int length = pendingLength + to - from;
        boolean carriageReturn = length > 0 && (to > from ? bytes[to - 1] : pending[pendingLength - 1]) == '\r';
        if (carriageReturn) {
            length--;
        }
        if (length > MAX_LINE) {
            return null;
        }
        byte[] line = new byte[length];
        int fromPending = Math.min(pendingLength, length);
        System.arraycopy(pending, 0, line, 0, fromPending);
        System.arraycopy(bytes, from, line, fromPending, length - fromPending);
        pendingLength = 0;
        return line;
    }

    /** Keeps {@code bytes[from, to)} after what is pending; false if that is already too long. */
    private boolean keep(byte[] bytes, int from, int to) {
        int length = pendingLength + to - from;
        if (length > MAX_LINE + 1) {
            return false;
        }
        if (length > pending.length) {
            pending = Arrays.copyOf(pending, Math.min(MAX_LINE + 1, Math.max(length, 2 * pending.length)));
        }
        System.arraycopy(bytes, from, pending, pendingLength, to - from);
        pendingLength = length;
        return true;
    }
}
