package weft.net;

import java.nio.ByteBuffer;

import kilim.Pausable;
import weft.scheduler.Task;
import weft.scheduler.TaskTimeout;
import weft.scheduler.Tasks;

/**
 * The lesson's next {@code echo_handler} (exercise 8.6): the same server as {@link EchoHandler},
 * written against {@link GenSocket}, whose calls suspend inside. It reads like blocking code;
 * the waits are in {@code recv} and {@code sendAll}.
 *
 * <pre>
 * def echo_handler(client, address):
 *     while True:
 *         data = yield from client.recv(1000)
 *         if not data:
 *             break
 *         yield from client.send(b'GOT:' + data)
 * </pre>
 *
 * Run it with {@code --handler gensocket}. Beyond the lesson, as {@link EchoHandler}: every
 * reply is sent in full before the next read, and when the server stops, what the client has
 * sent already is answered and nothing more is waited for.
 */
public final class GenEchoHandler extends Task<Void> {
    private final GenSocket client;
    private final HandlerContext server;

    public GenEchoHandler(GenSocket client, HandlerContext server) {
        this.client = client;
        this.server = server;
    }

    @Override
    protected Void body() throws Pausable {
        ServerLog log = server.log;
        log.connectionFrom(client.socket());
        try {
            while (true) {
                ByteBuffer data = server.stopping()
                        ? Tasks.ignoreAfter(EchoHandler.STOP_GRACE, () -> client.recv(EchoHandler.MAX_CHUNK)) // what is coming
                        : client.recv(EchoHandler.MAX_CHUNK);
                if (data == null) {
                    break;                           // client closed the connection (or, stopping, sent no more)
                }
                int size = data.remaining();
                byte[] prefix = server.prefix;
                client.sendAll(ByteBuffer.allocate(prefix.length + size).put(prefix).put(data).flip());
                server.stats.echoed(size);
            }
            log.connectionClosed();
        } catch (TaskTimeout idle) {
            log.connectionTimedOut(client.socket(), idle);
        } finally {
            client.close();
            server.stats.connectionClosed();
        }
        return null;
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
