package weft.net;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * The loop's read buffers. A connection borrows one only while it holds data it has read and
 * not yet sent back, so idle connections hold none: with replies that go out whole (the usual
 * case), one buffer serves every connection in turn. A client that never reads keeps at most
 * one, its pending reply.
 *
 * <p>Direct buffers: a heap buffer would be copied into a temporary direct one by every
 * read and write. Single-threaded, like the scheduler that owns it.
 */
public final class BufferPool {
    private final int bufferSize;
    private final int keepAtMost;
    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();
    private int lent;

    /**
     * @param bufferSize each buffer's capacity
     * @param keepAtMost buffers kept for reuse once returned; more are left to the collector
     */
    public BufferPool(int bufferSize, int keepAtMost) {
        if (bufferSize < 1) {
            throw new IllegalArgumentException("bufferSize < 1: " + bufferSize);
        }
        this.bufferSize = bufferSize;
        this.keepAtMost = keepAtMost;
    }

    public int bufferSize() {
        return bufferSize;
    }

    ByteBuffer take() {
        lent++;
        ByteBuffer buffer = free.pollLast();
        return buffer != null ? buffer.clear() : ByteBuffer.allocateDirect(bufferSize);
    }

    void give(ByteBuffer buffer) {
        lent--;
        if (free.size() < keepAtMost) {
            free.addLast(buffer);
        }
    }

    /** Buffers lent out now: one per connection with a reply not yet sent. */
    public int lent() {
        return lent;
    }
}
