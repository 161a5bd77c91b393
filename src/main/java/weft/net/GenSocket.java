package weft.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

import kilim.Pausable;
import weft.scheduler.Tasks;
import weft.scheduler.Trap;

/**
 * A connected socket whose calls suspend the task inside them: the lesson's {@code GenSocket}
 * (exercise 8.6), where the seed's handler (8.5) yields a trap before each plain call. With
 * Kilim a Pausable method is exactly Python's {@code yield from client.recv(1000)}: the call
 * waits, the task suspends, other tasks run, and the call returns when the data is there.
 *
 * <pre>
 * lesson (8.6)                               weft
 * data = yield from client.recv(1000)        ByteBuffer data = client.recv(1000);
 * if not data: break                         if (data == null) break;
 * yield from client.send(b'GOT:' + data)     client.sendAll(reply);
 * </pre>
 *
 * <p>For the loop's thread, inside a task. A timeout set on the socket
 * ({@link TcpSocket#setTimeout}) or a {@link Tasks#timeoutAfter} around a call bounds its waits.
 */
public final class GenSocket implements AutoCloseable {
    private static final int PLAIN_BUFFERS = 1; // the 8.5 calls of the socket underneath, seldom used here

    private final TcpSocket socket;

    public GenSocket(TcpSocket socket) {
        this.socket = socket;
    }

    /**
     * Connects to {@code address}, on the transport of the scheduler running the caller, waiting
     * as long as it takes; a failure ("Connection refused") is UncheckedIOException.
     */
    public static GenSocket connect(InetSocketAddress address) throws Pausable {
        TcpSocket socket;
        try {
            socket = TcpSocket.connect(Tasks.transport(), address,
                    new BufferPool(TcpSocket.HEADROOM + EchoHandler.MAX_CHUNK, PLAIN_BUFFERS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean connected = false;
        try {
            Tasks.trap(Trap.send(socket)); // until the connection is made or has failed
            socket.finishConnect();
            connected = true;
        } finally {
            if (!connected) {
                socket.close();
            }
        }
        return new GenSocket(socket);
    }

    /**
     * Waits for data and returns at most {@code max} bytes of it, in a new buffer ready to read;
     * null once the peer has closed its side (Python's {@code b''}).
     */
    public ByteBuffer recv(int max) throws Pausable {
        if (max < 1) {
            throw new IllegalArgumentException("max < 1: " + max);
        }
        ByteBuffer data = ByteBuffer.allocate(max);
        while (true) {
            Tasks.trap(Trap.recv(socket));          // wait until the peer sends data
            int read = socket.recvInto(data);
            if (read < 0) {
                return null;
            }
            if (read > 0) {
                return data.flip();
            }
        }
    }

    /** Waits until the socket can be written, writes what the kernel takes of {@code data}, and returns how much that was. */
    public int send(ByteBuffer data) throws Pausable {
        Tasks.trap(Trap.send(socket));              // wait until the peer can receive data
        return socket.send(data);
    }

    /** Sends all of {@code data}, waiting as often as it takes. */
    public void sendAll(ByteBuffer data) throws Pausable {
        while (data.hasRemaining()) {
            send(data);
        }
    }

    /** Sends end of stream and goes on reading: Python's {@code shutdown(SHUT_WR)} (see {@link TcpSocket#shutdownOutput}). */
    public void shutdownOutput() {
        socket.shutdownOutput();
    }

    /** The peer's address; still known after close. */
    public InetSocketAddress remoteAddress() {
        return socket.remoteAddress();
    }

    /** The plain socket underneath, for the 8.5 form (an explicit trap before each call). */
    public TcpSocket socket() {
        return socket;
    }

    /** Closes the socket, from any thread; a task waiting on it gets the failure at its wait. */
    @Override
    public void close() {
        socket.close();
    }

    @Override
    public String toString() {
        return "GenSocket" + Addresses.python(remoteAddress());
    }
}
