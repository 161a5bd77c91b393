package weft.chat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import kilim.Pausable;
import weft.scheduler.Mailbox;
import weft.scheduler.Task;

/**
 * A client's writing half: takes what the room queued in the session's outbox and sends it,
 * everything queued at that moment in one write (up to {@link #MAX_BATCH} bytes), so a client
 * that fell behind catches up in few system calls. It is the only task that waits for this
 * client to read; no one waits for it.
 */
final class ChatWriter extends Task<Void> {
    /** The most bytes gathered into one write. */
    static final int MAX_BATCH = 64 * 1024;

    /** Messages taken from the outbox and not yet sent in full: they count as held for the client. */
    int inFlight;

    private final ChatSession session;
    private final ChatRoom room;
    private final List<byte[]> batch = new ArrayList<>();

    ChatWriter(ChatSession session, ChatRoom room) {
        this.session = session;
        this.room = room;
    }

    @Override
    protected Void body() throws Pausable {
        Mailbox<byte[]> outbox = session.outbox;
        boolean end = false;
        while (!end && !(room.isClosed() && outbox.size() == 0)) { // stopping: deliver what was accepted
            byte[] message = outbox.get();                           // wait for something to send
            int bytes = 0;
            while (message != null && message != ChatSession.END) {
                batch.add(message);
                inFlight = batch.size();
                bytes += message.length;
                message = bytes < MAX_BATCH ? outbox.poll() : null;  // and take what else is queued
            }
            end = message == ChatSession.END;
            if (!batch.isEmpty()) {
                session.client.sendAll(gather(bytes));               // wait while the client does not read
            }
            batch.clear();
            inFlight = 0;
        }
        return null;
    }

    private ByteBuffer gather(int bytes) {
        if (batch.size() == 1) {
            return ByteBuffer.wrap(batch.get(0));
        }
        ByteBuffer all = ByteBuffer.allocate(bytes);
        for (byte[] message : batch) {
            all.put(message);
        }
        return all.flip();
    }

    @Override
    public String toString() {
        return "chat_writer(" + session.name + ")";
    }
}
