package weft.chat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The clients connected now, and the one place a message reaches them: each gets it in its
 * session's outbox (a {@link weft.scheduler.Mailbox}), and its writer task sends it on. Every
 * call runs on the loop's thread and none waits, so a line is in every receiver's outbox, in
 * the same order everywhere, before anything else happens; that is the whole of the protocol's
 * ordering rules ({@code * X joined} before X's lines, {@code * X left} after them).
 *
 * <p>A receiver that does not read is never waited for: {@link ChatSession#offer} refuses the
 * message once {@value #MAX_UNDELIVERED} lines are held for it, and the room cuts it off (its
 * socket closes, its tasks end at their waits) and tells the others it left.
 */
final class ChatRoom {
    /** Lines held for one receiver at the most (queued, or being written); one more cuts it off. */
    static final int MAX_UNDELIVERED = 1024;

    private final List<ChatSession> members = new ArrayList<>();
    private boolean closed;
    private long served;
    private long relayed;

    /** {@code newcomer} is in: the others get {@code * NAME joined}. False once the room is closed. */
    boolean join(ChatSession newcomer) {
        if (closed) {
            return false;
        }
        served++;
        deliver(newcomer, notice(newcomer, "joined"));
        members.add(newcomer);
        newcomer.inRoom = true;
        return true;
    }

    /** One line from {@code sender} to every other member, as {@code NAME: LINE\n}; empty lines are dropped. */
    void relay(ChatSession sender, byte[] line) {
        if (line.length == 0 || !sender.inRoom || closed) {
            return;
        }
        relayed++;
        byte[] prefix = sender.prefix;
        byte[] message = new byte[prefix.length + line.length + 1];
        System.arraycopy(prefix, 0, message, 0, prefix.length);
        System.arraycopy(line, 0, message, prefix.length, line.length);
        message[message.length - 1] = '\n';
        deliver(sender, message);
    }

    /** {@code member} is gone (or going): the others get {@code * NAME left}, once. */
    void leave(ChatSession member) {
        if (!member.inRoom) {
            return;
        }
        member.inRoom = false;
        members.remove(member);
        if (!closed) {
            deliver(member, notice(member, "left"));
        }
    }

    /** The server stops: no one joins, nothing more is relayed, no one is said to leave. */
    void close() {
        closed = true;
    }

    boolean isClosed() {
        return closed;
    }

    /** Clients that joined, since the start. */
    /** Clients in the room now. */
    int size() {
        return members.size();
    }

    long served() {
        return served;
    }

    /** Lines relayed, each counted once however many received it, since the start. */
    long relayed() {
        return relayed;
    }

    /** {@code message} into every outbox but {@code from}'s; a receiver that cannot take it is cut off. */
    private void deliver(ChatSession from, byte[] message) {
        List<ChatSession> full = null;
        for (ChatSession member : members) {
            if (member != from && !member.offer(message)) {
                full = full == null ? new ArrayList<>() : full;
                full.add(member);
            }
        }
        if (full != null) {
            for (ChatSession slow : full) {
                slow.disconnect();
                leave(slow); // may cut off others in turn: each leaves once
            }
        }
    }

    private static byte[] notice(ChatSession member, String what) {
        return ("* " + member.name + " " + what + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
