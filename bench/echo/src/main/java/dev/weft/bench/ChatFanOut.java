package dev.weft.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The chat fan-out load, on one thread and one Selector: {@code receivers} clients that only
 * read, then one sender that writes lines as fast as the window allows. A line counts as
 * delivered to a receiver when it has arrived there whole and checked: the sender's name, the
 * sequence number that receiver expects next, the padding. At most {@code window} lines are
 * sent and not yet delivered to every receiver (below the servers' limit of 1,024 undelivered
 * lines, so no receiver is ever cut off); any other line, a notice during the run, a receiver
 * closed, is an error.
 */
final class ChatFanOut {
    private static final int DIGITS = 8;

    private final Selector selector;
    private final ServerProcess server;
    private final Errors errors;
    private final int size;
    private final int window;
    private final ByteBuffer scratch = ByteBuffer.allocate(256 * 1024);

    private SocketChannel[] receivers;
    private byte[][] partial;    // per receiver, the start of a line not yet whole
    private long[] expected;     // per receiver, the sequence number of the next line
    private int[] deliveredTo;   // per line of the window (seq % window), receivers that have it
    private byte[] senderPrefix; // "127.0.0.1:PORT: "
    private boolean running;     // the sender's joined notice has reached every receiver
    private int joinedSeen;

    private SocketChannel sender;
    private ByteBuffer pendingWrite = ByteBuffer.allocate(0);
    private long sent;
    private long fullyDelivered; // lines delivered to every receiver
    long delivered;              // line deliveries, all receivers together

    ChatFanOut(Selector selector, ServerProcess server, Errors errors, int size, int window) {
        this.selector = selector;
        this.server = server;
        this.errors = errors;
        this.size = size;
        this.window = window;
    }

    /** Connects the receivers, then the sender; returns once every receiver has seen the sender join. */
    boolean connect(InetSocketAddress address, int count, double timeoutSeconds) throws IOException {
        receivers = new SocketChannel[count];
        partial = new byte[count][];
        expected = new long[count];
        deliveredTo = new int[window];
        for (int i = 0; i < count; i++) {
            receivers[i] = open(address);
            receivers[i].register(selector, SelectionKey.OP_READ, i);
            if (i % 64 == 63) {
                poll(0);
            }
        }
        sender = open(address);
        sender.register(selector, SelectionKey.OP_READ, -1);
        senderPrefix = ("127.0.0.1:" + ((InetSocketAddress) sender.getLocalAddress()).getPort() + ": ")
                .getBytes(StandardCharsets.US_ASCII);
        long deadline = System.nanoTime() + (long) (timeoutSeconds * 1e9);
        while (joinedSeen < count && errors.total() == 0 && System.nanoTime() < deadline) {
            poll(100);
        }
        running = joinedSeen == count;
        if (!running) {
            errors.connectFailures += count - joinedSeen;
        }
        return running && errors.total() == 0;
    }

    /** Sends and receives until {@code untilNanos}; with {@code sending} false, only drains what is on its way. */
    void run(long untilNanos, boolean sending) throws IOException {
        while (System.nanoTime() < untilNanos && errors.total() == 0 && !server.died(System.nanoTime())) {
            if (sending) {
                send();
            } else if (fullyDelivered == sent) {
                return;
            }
            poll(10);
        }
    }

    void close() {
        for (SocketChannel receiver : receivers) {
            closeQuietly(receiver);
        }
        closeQuietly(sender);
    }

    private static SocketChannel open(InetSocketAddress address) throws IOException {
        SocketChannel channel = SocketChannel.open(address);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.configureBlocking(false);
        return channel;
    }

    /** Writes as many lines as the window has room for, in one write. */
    private void send() throws IOException {
        if (!pendingWrite.hasRemaining()) {
            int room = (int) (window - (sent - fullyDelivered));
            if (room <= 0) {
                return;
            }
            pendingWrite = ByteBuffer.allocate(room * size);
            for (int i = 0; i < room; i++) {
                line(pendingWrite, sent++);
            }
            pendingWrite.flip();
        }
        sender.write(pendingWrite);
    }

    /** Line {@code seq} as sent: 8 digits, padding, {@code \n}; {@code size} bytes in all. */
    private void line(ByteBuffer into, long seq) {
        String digits = Long.toString(100_000_000L + seq % 100_000_000L).substring(1);
        into.put(digits.getBytes(StandardCharsets.US_ASCII));
        for (int i = DIGITS; i < size - 1; i++) {
            into.put((byte) 'x');
        }
        into.put((byte) '\n');
    }

    private void poll(long timeoutMillis) throws IOException {
        if (timeoutMillis == 0) {
            selector.selectNow();
        } else {
            selector.select(timeoutMillis);
        }
        for (SelectionKey key : selector.selectedKeys()) {
            int id = (Integer) key.attachment();
            SocketChannel channel = (SocketChannel) key.channel();
            scratch.clear();
            int read;
            try {
                read = channel.read(scratch);
            } catch (IOException e) {
                read = -1;
            }
            if (read < 0) {
                key.cancel();
                errors.io++;
                System.err.println("chat load: connection " + id + " closed by the server");
                continue;
            }
            if (id >= 0) {
                lines(id, scratch.array(), read);
            } // the sender reads and drops the notices of the receivers joining
        }
        selector.selectedKeys().clear();
    }

    private void lines(int id, byte[] bytes, int length) {
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            byte[] line;
            if (partial[id] != null) {
                line = Arrays.copyOf(partial[id], partial[id].length + i - start);
                System.arraycopy(bytes, start, line, partial[id].length, i - start);
                partial[id] = null;
                check(id, line, 0, line.length);
            } else {
                check(id, bytes, start, i);
            }
            start = i + 1;
        }
        if (start < length) {
            byte[] rest = Arrays.copyOfRange(bytes, start, length);
            partial[id] = partial[id] == null ? rest : concat(partial[id], rest);
        }
    }

    /** One whole line {@code bytes[from, to)} at receiver {@code id}, without its {@code \n}. */
    private void check(int id, byte[] bytes, int from, int to) {
        if (!running) {
            if (bytes[from] == '*' && endsWith(bytes, from, to, " joined")) {
                if (startsWithSender(bytes, from + 2, to)) {
                    joinedSeen++;
                }
                return;
            }
            wrong(id, bytes, from, to);
            return;
        }
        int at = from + senderPrefix.length;
        if (to - from != senderPrefix.length + size - 1 || !startsWithSender(bytes, from, to)) {
            wrong(id, bytes, from, to);
            return;
        }
        long seq = 0;
        for (int i = at; i < at + DIGITS; i++) {
            seq = seq * 10 + (bytes[i] - '0');
        }
        if (seq != expected[id] % 100_000_000L) {
            wrong(id, bytes, from, to);
            return;
        }
        for (int i = at + DIGITS; i < to; i++) {
            if (bytes[i] != 'x') {
                wrong(id, bytes, from, to);
                return;
            }
        }
        long line = expected[id]++;
        delivered++;
        int slot = (int) (line % window);
        if (++deliveredTo[slot] == receivers.length) {
            deliveredTo[slot] = 0;
            if (line != fullyDelivered) {
                throw new IllegalStateException("line " + line + " complete before line " + fullyDelivered);
            }
            fullyDelivered++;
        }
    }

    private boolean startsWithSender(byte[] bytes, int from, int to) {
        if (senderPrefix == null || to - from < senderPrefix.length - 2) { // null: not connected yet
            return false;
        }
        for (int i = 0; i < senderPrefix.length - 2; i++) { // the name, without ": "
            if (bytes[from + i] != senderPrefix[i]) {
                return false;
            }
        }
        return running ? bytes[from + senderPrefix.length - 2] == ':' : true;
    }

    private void wrong(int id, byte[] bytes, int from, int to) {
        errors.verification++;
        if (errors.verification <= 5) {
            System.err.println("chat load: receiver " + id + " got an unexpected line: "
                    + new String(bytes, from, Math.min(to - from, 100), StandardCharsets.ISO_8859_1));
        }
    }

    private static boolean endsWith(byte[] bytes, int from, int to, String suffix) {
        if (to - from < suffix.length()) {
            return false;
        }
        for (int i = 0; i < suffix.length(); i++) {
            if (bytes[to - suffix.length() + i] != suffix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
