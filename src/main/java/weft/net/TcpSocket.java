package weft.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

import weft.scheduler.Pollable;
import weft.transport.Poller;
import weft.transport.Stream;
import weft.transport.Transport;
import weft.transport.Transports;

/**
 * A connected TCP socket in non-blocking mode, with the seed's {@code recv} and {@code send}:
 * the place where a connection's bytes are read and written. A task waits with the recv or send
 * trap first, so these calls find the socket ready; they never block.
 *
 * <p>I/O failures (reset by peer, broken pipe) are thrown as {@link UncheckedIOException}, as
 * Python raises {@code OSError}: they end the task that meets them, and only that one. The
 * syscalls themselves are the {@link Transport}'s ({@link Stream}): java.nio, or epoll.
 */
public final class TcpSocket extends Pollable {
    /**
     * Bytes {@link #recv} leaves free in front of the data it returns, so a reply header can be
     * written there and header and data go out in one write, without copying the data (the
     * headroom of Linux's socket buffers, for the same reason).
     */
    public static final int HEADROOM = 64;

    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0).asReadOnlyBuffer();

    /**
     * {@code -Dweft.tcpNoDelay=always} keeps TCP_NODELAY on while a client streams too, as every
     * peer in bench/ does: for comparing bulk figures like with like (BENCHMARKS.md).
     */
    private static final boolean NAGLE_WHILE_STREAMING = !"always".equals(System.getProperty("weft.tcpNoDelay"));

    private final BufferPool buffers;
    private ByteBuffer borrowed;
    private boolean noDelay = true;

    private TcpSocket(Stream channel, BufferPool buffers) {
        super(channel, Poller.READ);
        this.buffers = buffers;
    }

    static TcpSocket wrap(Stream channel, BufferPool buffers) {
        try {
            // A reply goes out at once, unless the client streams (see recv).
            channel.setNoDelay(true);
            return new TcpSocket(channel, buffers);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a non-blocking connection to {@code address}, on the default transport: the next
     * {@code send} trap on the socket waits until it is made or has failed, then
     * {@link #finishConnect} says which. {@link GenSocket#connect} does all three.
     */
    public static TcpSocket connect(InetSocketAddress address, BufferPool buffers) throws IOException {
        return connect(Transports.defaultTransport(), address, buffers);
    }

    /** {@link #connect(InetSocketAddress, BufferPool)} on {@code transport}. */
    public static TcpSocket connect(Transport transport, InetSocketAddress address, BufferPool buffers)
            throws IOException {
        Stream channel = transport.connect(address);
        try {
            channel.setNoDelay(true);
            TcpSocket socket = new TcpSocket(channel, buffers);
            if (channel.isConnectionPending()) {
                socket.connectPending();
            }
            return socket;
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** After a connect's send trap: throws as java.nio does if the connection failed ("Connection refused"). */
    public void finishConnect() {
        try {
            stream().finishConnect();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads what has arrived into {@code data}, up to its remaining space: the bytes read, 0 if
     * nothing was there after all, -1 when the peer has closed its side. Never blocks.
     */
    public int recvInto(ByteBuffer data) {
        int read;
        try {
            read = stream().read(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        readFilled(read > 0 && !data.hasRemaining());
        return read;
    }

    /**
     * Reads at most {@code max} bytes: the seed's {@code client.recv(1000)}. Returns null when
     * the client has closed its side, an empty buffer if nothing was there after all.
     *
     * <p>The buffer is lent from the loop's {@link BufferPool}: it is this socket's until the
     * next recv, or until {@link #send} has written all of it, and has {@link #HEADROOM} bytes
     * free before its position.
     */
    public ByteBuffer recv(int max) {
        if (max < 1 || max > buffers.bufferSize() - HEADROOM) {
            throw new IllegalArgumentException("max must be 1.." + (buffers.bufferSize() - HEADROOM) + ": " + max);
        }
        if (borrowed == null) {
            borrowed = buffers.take();
        }
        ByteBuffer buffer = borrowed.limit(HEADROOM + max).position(HEADROOM);
        int read;
        try {
            read = stream().read(buffer);
        } catch (IOException e) {
            giveBack();
            throw new UncheckedIOException(e);
        }
        boolean full = read == max;
        readFilled(full);
        if (full == noDelay && NAGLE_WHILE_STREAMING) {
            streaming(full);
        }
        if (read <= 0) {
            giveBack();
            return read < 0 ? null : NOTHING;
        }
        return buffer.limit(buffer.position()).position(HEADROOM);
    }

    /**
     * Writes what the kernel takes of {@code data} now and returns how many bytes that was: the
     * seed's {@code client.send(...)}. If some is left, the next send trap waits for the
     * selector. A buffer from {@link #recv} goes back to the pool once fully sent.
     */
    public int send(ByteBuffer data) {
        int written;
        try {
            written = stream().write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (data.hasRemaining()) {
            writeCameBackShort();
        } else if (data == borrowed) {
            giveBack();
        }
        return written;
    }

    /**
     * Turns Nagle's algorithm on while the client streams (reads come back full), and off again
     * when it pauses (a read comes back short), which also sends at once anything Nagle holds.
     * A stream's replies then leave in full segments instead of one per 1000-byte chunk: bulk
     * echo with 8 clients went from about 125 MB/s to 342 MB/s (bench/run-echo, bulk column;
     * segments per MB from about 1600 to about 200: the kernel's work per segment dominates).
     * Requests smaller than a chunk never turn it on, so ping-pong latency is untouched; a
     * client that streams and then pauses has its last replies flushed by the short read that
     * tells us it paused.
     */
    private void streaming(boolean streaming) {
        try {
            stream().setNoDelay(!streaming);
            noDelay = !streaming;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The socket's TCP_NODELAY, read from the kernel: on, unless the client streams. */
    boolean noDelay() {
        try {
            return stream().noDelay();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends end of stream and goes on reading: Python's {@code shutdown(SHUT_WR)}. The peer reads
     * EOF once it has read what was sent before; a later {@link #send} fails with
     * ClosedChannelException.
     */
    public void shutdownOutput() {
        try {
            stream().shutdownOutput();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The client's address, as Python's {@code accept()} returns it; still known after close. */
    public InetSocketAddress remoteAddress() {
        return stream().remoteAddress();
    }

    /** On the loop, once closed (from whatever thread): the buffer goes back to the pool. */
    @Override
    protected void released() {
        giveBack();
    }

    private void giveBack() {
        if (borrowed != null) {
            buffers.give(borrowed);
            borrowed = null;
        }
    }

    /** The socket underneath: the Pollable's channel, kept once (a field of its own would be 4 more bytes a connection). */
    private Stream stream() {
        return (Stream) channel();
    }

    private static void closeQuietly(Stream channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // already failing: the first error is the one worth reporting
        }
    }
}
