package weft.chat;

import java.nio.charset.StandardCharsets;

import kilim.Pausable;
import weft.net.Addresses;
import weft.net.GenSocket;
import weft.scheduler.Mailbox;
import weft.scheduler.Task;
import weft.scheduler.TaskError;
import weft.scheduler.TaskGroup;

/**
 * One client, from accept to close: it joins the room, then runs a {@link ChatReader} and a
 * {@link ChatWriter} in a {@link TaskGroup}, and whatever ends them (end of stream, a reset, a
 * line too long, the room cutting it off, the server stopping), leaves the room and closes the
 * socket. The group is what makes one failure end both: a reset seen by either task cancels
 * the other at its wait.
 *
 * <pre>
 * async def chat_session(client, name):
 *     room.join(name)
 *     async with trio.open_nursery() as n:
 *         n.start_soon(reader, client)     # recv, split, relay to the room
 *         n.start_soon(writer, client)     # outbox.get(), send
 * </pre>
 *
 * Its outbox holds the messages for this client that its writer has not taken yet; the room
 * fills it with {@link #offer}, which never waits.
 */
final class ChatSession extends Task<Void> {
    /** Put after the last message: the writer sends what is before it and ends. */
    static final byte[] END = new byte[0];

    final GenSocket client;
    /** {@code IP:PORT} of the client as the server sees it. */
    final String name;
    /** {@code NAME: }, what goes before each of its lines. */
    final byte[] prefix;
    final Mailbox<byte[]> outbox = new Mailbox<>(ChatRoom.MAX_UNDELIVERED);
    /** Set and cleared by the room only. */
    boolean inRoom;

    private final ChatRoom room;
    private final ChatLog log;
    private ChatWriter writer;

    ChatSession(GenSocket client, ChatRoom room, ChatLog log) {
        this.client = client;
        this.name = Addresses.hostAndPort(client.remoteAddress());
        this.prefix = (name + ": ").getBytes(StandardCharsets.UTF_8);
        this.room = room;
        this.log = log;
    }

    @Override
    protected Void body() throws Pausable {
        log.connectionFrom(client.remoteAddress());
        try {
            if (room.join(this)) {
                TaskGroup.run(group -> {
                    writer = new ChatWriter(this, room);
                    group.spawn(writer);
                    group.spawn(new ChatReader(this, room, writer));
                    return null;
                });
            }
        } catch (TaskError gone) {
            // a reset, a broken pipe, or the room closed the socket: the client is gone either way
        } finally {
            room.leave(this);
            client.close();
            log.connectionClosed();
        }
        return null;
    }

    /**
     * From the room: queues {@code message} for this client without waiting; false, queuing
     * nothing, if {@value ChatRoom#MAX_UNDELIVERED} lines are held for it already.
     */
    boolean offer(byte[] message) {
        int held = outbox.size() + (writer == null ? 0 : writer.inFlight);
        return held < ChatRoom.MAX_UNDELIVERED && outbox.offer(message);
    }

    /** From the room: cuts the client off. Its reader and writer fail at their next wait. */
    void disconnect() {
        client.close();
    }

    @Override
    protected void cancelledBeforeStart() {
        client.close();
    }

    @Override
    public String toString() {
        return "chat_session(" + name + ")";
    }
}
