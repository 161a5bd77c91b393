package weft.net;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import kilim.Pausable;
import weft.scheduler.Task;
import weft.scheduler.Trap;
import weft.scheduler.TaskTimeout;
import weft.scheduler.Tasks;

/**
 * The seed's {@code echo_handler}: replies {@code GOT:} + every chunk of at most 1000 bytes it
 * reads, until the client closes. It suspends exactly where the seed yields.
 *
 * <pre>
 * while True:
 *     yield 'recv', client          # wait until the client sends data
 *     data = client.recv(1000)
 *     if not data:                  # client closed the connection
 *         break
 *     yield 'send', client          # wait until the client can receive data
 *     client.send(b'GOT:' + data)
 * </pre>
 *
 * Beyond the seed, nothing is lost: a reply the kernel takes only in part is finished, waiting
 * on {@code send} as often as needed, before the next read. That is also the backpressure: a
 * client that sends but never reads holds one pending reply here, and the rest waits in its
 * own socket buffers. When the server stops, what the client has sent already is answered in
 * full; the handler waits for nothing more.
 */
public final class EchoHandler extends Task<Void> {
    /** The seed's {@code recv(1000)}. */
    public static final int MAX_CHUNK = 1000;

    /**
     * How long a handler of a stopping server still waits for input: what the client sent before
     * the stop may still be on its way (a read that finds nothing is no proof that nothing
     * comes). Past it, the handler ends.
     */
    public static final Duration STOP_GRACE = Duration.ofMillis(100);

    private final TcpSocket client;
    private final HandlerContext server;

    public EchoHandler(TcpSocket client, HandlerContext server) {
        this.client = client;
        this.server = server;
    }

    public static byte[] prefixBytes(String prefix) {
        return prefix.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected Void body() throws Pausable {
        ServerLog log = server.log;
        log.connectionFrom(client);
        try {
            while (true) {
                if (!server.stopping()) {
                    this.yield(Trap.recv(client));         // wait until the client sends data
                } else if (!inputWithin(STOP_GRACE)) {
                    break;                             // stopping, and nothing more is coming
                }
                ByteBuffer data = client.recv(MAX_CHUNK);
                if (data == null) {
                    break;                             // client closed the connection
                }
                if (!data.hasRemaining()) {
                    continue;                          // ready, yet nothing there: wait again
                }
                int size = data.remaining();
                ByteBuffer reply = withPrefix(data);
                while (reply.hasRemaining()) {
                    this.yield(Trap.send(client));         // wait until the client can receive data
                    client.send(reply);
                }
                server.stats.echoed(size);
            }
            log.connectionClosed();
        } catch (TaskTimeout idle) {
            log.connectionTimedOut(client, idle);
        } finally {
            client.close();
            server.stats.connectionClosed();
        }
        return null;
    }

    /** Whether the client's input is ready within {@code grace}: what it sent before a stop may still be on its way. */
    private boolean inputWithin(Duration grace) throws Pausable {
        return Tasks.ignoreAfter(grace, () -> {
            Tasks.trap(Trap.recv(client));
            return Boolean.TRUE;
        }) != null;
    }

    /** The prefix, then data: written into the headroom in front of data, so data is not copied. */
    private ByteBuffer withPrefix(ByteBuffer data) {
        byte[] prefix = server.prefix;
        int start = data.position() - prefix.length;
        data.put(start, prefix);
        return data.position(start);
    }

    @Override
    protected void cancelledBeforeStart() {
        client.close();
        server.stats.connectionClosed();
    }

    @Override
    public String toString() {
        return "echo_handler" + Addresses.python(client.remoteAddress());
    }
}
