package weft.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import weft.scheduler.Scheduler;
import weft.scheduler.Task;
import weft.scheduler.TaskEvents;
import weft.scheduler.TaskGroup;
import weft.scheduler.TaskTimeout;
import weft.scheduler.Tasks;

/** Sockets whose calls suspend inside (the lesson's 8.6 GenSocket): a server and a client, both tasks of one loop. */
@Timeout(30)
class GenSocketTest {
    private static final InetSocketAddress ANY_PORT = new InetSocketAddress("127.0.0.1", 0);

    private final Scheduler scheduler = new Scheduler(TaskEvents.SILENT);
    private final List<String> trace = new ArrayList<>();

    @Test
    void aClientTaskConnectsSendsAndReadsTheRepliesOfAServerTaskOnTheSameLoop() throws Exception {
        try (GenListener listener = GenListener.bind(ANY_PORT, 8)) {
            scheduler.spawn(new Task<>("server", self -> {
                try (GenSocket client = listener.accept()) {
                    for (ByteBuffer data = client.recv(1000); data != null; data = client.recv(1000)) {
                        client.sendAll(concat("GOT:", data));
                    }
                }
                return null;
            }));
            scheduler.spawn(new Task<>("client", self -> {
                try (GenSocket server = GenSocket.connect(listener.localAddress())) {
                    for (String line : List.of("Hello", "again")) {
                        server.sendAll(bytes(line));
                        trace.add(text(server.recv(1000)));
                    }
                }
                return null;
            }));
            scheduler.run();
        }
        assertThat(trace).containsExactly("GOT:Hello", "GOT:again");
    }

    @Test
    void aClientThatShutsDownItsOutputStillReadsEveryReplyToTheEnd() throws Exception {
        try (GenListener listener = GenListener.bind(ANY_PORT, 8)) {
            scheduler.spawn(new Task<>("server", self -> {
                try (GenSocket client = listener.accept()) {
                    List<String> requests = new ArrayList<>();
                    for (ByteBuffer data = client.recv(1000); data != null; data = client.recv(1000)) {
                        requests.add(text(data));
                    }
                    // the client's end of stream came first: only now does the server answer
                    client.sendAll(bytes("GOT:" + String.join("", requests)));
                }
                return null;
            }));
            scheduler.spawn(new Task<>("client", self -> {
                try (GenSocket server = GenSocket.connect(listener.localAddress())) {
                    server.sendAll(bytes("Hello"));
                    server.shutdownOutput(); // Python's shutdown(SHUT_WR): "that was all"
                    StringBuilder reply = new StringBuilder();
                    for (ByteBuffer data = server.recv(1000); data != null; data = server.recv(1000)) {
                        reply.append(text(data));
                    }
                    trace.add(reply.toString());
                }
                return null;
            }));
            scheduler.run();
        }
        assertThat(trace).containsExactly("GOT:Hello");
    }

    @Test
    void recvTakesAnySizeAndGivesNullAtEndOfStream() throws Exception {
        byte[] big = new byte[3 << 20];
        Arrays.fill(big, (byte) 'x');
        try (GenListener listener = GenListener.bind(ANY_PORT, 8)) {
            scheduler.spawn(new Task<>("sender", self -> {
                try (GenSocket client = listener.accept()) {
                    client.sendAll(ByteBuffer.wrap(big)); // bigger than the socket buffers: waits on send
                }
                return null;
            }));
            scheduler.spawn(new Task<>("reader", self -> {
                try (GenSocket server = GenSocket.connect(listener.localAddress())) {
                    trace.add("first recv(5): " + server.recv(5).remaining() + " bytes");
                    long total = 5;
                    int largest = 0;
                    for (ByteBuffer data = server.recv(1 << 20); data != null; data = server.recv(1 << 20)) {
                        total += data.remaining();
                        largest = Math.max(largest, data.remaining());
                    }
                    trace.add("then " + total + " bytes in all, chunks over 1000 bytes: " + (largest > 1000));
                }
                return null;
            }));
            scheduler.run();
        }
        assertThat(trace).containsExactly("first recv(5): 5 bytes",
                "then " + big.length + " bytes in all, chunks over 1000 bytes: true");
    }

    @Test
    void sendReturnsWhatTheKernelTookAndSendAllFinishesTheBuffer() throws Exception {
        try (GenListener listener = GenListener.bind(ANY_PORT, 8)) {
            scheduler.spawn(new Task<>("pair", self -> {
                GenSocket server = GenSocket.connect(listener.localAddress());
                GenSocket client = listener.accept();
                ByteBuffer data = ByteBuffer.allocate(16 << 20);
                int first = client.send(data);
                trace.add("send took part: " + (first > 0 && first < data.capacity()));
                TaskGroup.run(group -> {
                    group.spawn(new Task<Void>("drain", drain -> {
                        long total = 0;
                        while (total < data.capacity()) {
                            total += server.recv(1 << 20).remaining();
                        }
                        trace.add("received " + total);
                        return null;
                    }));
                    client.sendAll(data);
                    trace.add("sendAll left " + data.remaining());
                    return null;
                });
                client.close();
                server.close();
                return null;
            }));
            scheduler.run();
        }
        assertThat(trace).containsExactlyInAnyOrder("send took part: true", "sendAll left 0", "received " + (16 << 20));
    }

    @Test
    void connectingToAPortNobodyListensOnFailsWithConnectionRefused() throws Exception {
        InetSocketAddress closed;
        try (GenListener listener = GenListener.bind(ANY_PORT, 1)) {
            closed = listener.localAddress();
        }
        scheduler.spawn(new Task<>("client", self -> {
            try {
                GenSocket.connect(closed);
                trace.add("connected");
            } catch (UncheckedIOException e) {
                trace.add(e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage());
            }
            return null;
        }));
        scheduler.run();
        assertThat(trace).containsExactly(ConnectException.class.getSimpleName() + ": Connection refused");
    }

    @Test
    void acceptAndRecvAreBoundedByTimeoutAfter() throws Exception {
        try (GenListener listener = GenListener.bind(ANY_PORT, 8)) {
            scheduler.spawn(new Task<>("lonely server", self -> {
                try {
                    Tasks.timeoutAfter(Duration.ofMillis(50), listener::accept);
                } catch (TaskTimeout timeout) {
                    trace.add("accept: " + timeout.getMessage());
                }
                GenSocket server = GenSocket.connect(listener.localAddress());
                try (GenSocket client = listener.accept()) {
                    Tasks.timeoutAfter(Duration.ofMillis(50), () -> client.recv(10));
                } catch (TaskTimeout timeout) {
                    trace.add("recv: " + timeout.getMessage());
                }
                server.close();
                return null;
            }));
            scheduler.run();
        }
        assertThat(trace).containsExactly("accept: timed out after 50 ms", "recv: timed out after 50 ms");
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static ByteBuffer concat(String prefix, ByteBuffer data) {
        return ByteBuffer.allocate(prefix.length() + data.remaining()).put(bytes(prefix)).put(data).flip();
    }

    private static String text(ByteBuffer data) {
        return data == null ? "<eof>" : StandardCharsets.UTF_8.decode(data).toString();
    }
}
