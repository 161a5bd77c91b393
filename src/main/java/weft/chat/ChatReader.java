package weft.chat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import kilim.Pausable;
import weft.scheduler.Task;
import weft.scheduler.TaskError;
import weft.scheduler.Tasks;

/**
 * A client's reading half: receives, cuts lines, hands each to the room, which queues it for
 * everyone else at once; nothing here waits for a receiver. When the client's stream ends (a
 * partial line is dropped) or it sends a line too long, the client leaves the room at once,
 * then its writer gets a last chance to send what is queued for it ({@code * line too long}
 * last), for at most {@link #LINGER}.
 */
final class ChatReader extends Task<Void> {
    /**
     * The most bytes one recv returns: 2048, so that one read holds at most 1024 lines (the
     * shortest is {@code "x\n"}) and a burst from a fast sender cannot by itself fill the
     * outbox of a receiver that reads; see {@link #body}.
     */
    static final int READ_SIZE = 2 * ChatRoom.MAX_UNDELIVERED;
    /** How long a leaving client's queued lines may take to go out. */
    static final Duration LINGER = Duration.ofSeconds(2);
    static final byte[] TOO_LONG = "* line too long\n".getBytes(StandardCharsets.US_ASCII);

    private final ChatSession session;
    private final ChatRoom room;
    private final ChatWriter writer;

    ChatReader(ChatSession session, ChatRoom room, ChatWriter writer) {
        this.session = session;
        this.room = room;
        this.writer = writer;
    }

    @Override
    protected Void body() throws Pausable {
        LineSplitter splitter = new LineSplitter();
        LineSplitter.Lines relay = line -> room.relay(session, line);
        boolean tooLong = false;
        while (!tooLong) {
            ByteBuffer data = session.client.recv(READ_SIZE);   // wait until the client sends
            if (data == null) {
                break;                                          // end of stream: a partial line is dropped
            }
            tooLong = !splitter.feed(data, relay);
            Tasks.sleep(Duration.ZERO); // the writers this woke send before more is read
        }
        room.leave(session);
        boolean notice = tooLong;
        Tasks.ignoreAfter(LINGER, () -> {
            if (notice) {
                session.outbox.put(TOO_LONG);
            }
            session.outbox.put(ChatSession.END);
            try {
                writer.join();
            } catch (TaskError failed) {
                // its own failure: the group reports it
            }
            return null;
        });
        writer.cancel(); // if it is still sending, its time is up; if it has ended, nothing happens
        return null;
    }

    @Override
    public String toString() {
        return "chat_reader(" + session.name + ")";
    }
}
