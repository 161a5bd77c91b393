package weft.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import weft.testing.ChatClient;
import weft.testing.InProcessChat;

/** weft chat's protocol, rule by rule (issue 8, item 7), on real loopback sockets. */
@Timeout(60)
class ChatServerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private InProcessChat server;
    private final List<ChatClient> clients = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = new InProcessChat(Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() throws Exception {
        for (ChatClient client : clients) {
            client.close();
        }
        server.close();
    }

    /** Connects {@code count} clients one after the other; each is in the room when this returns. */
    private List<ChatClient> join(int count) throws IOException {
        List<ChatClient> joined = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ChatClient newcomer = connect(0);
            for (ChatClient earlier : joined) {
                assertThat(earlier.readLine()).isEqualTo("* " + newcomer.name() + " joined");
            }
            joined.add(newcomer);
        }
        if (count == 1) { // no one to tell: a line to the room proves it is in
            ChatClient witness = connect(0);
            assertThat(joined.get(0).readLine()).isEqualTo("* " + witness.name() + " joined");
            witness.close();
            assertThat(joined.get(0).readLine()).isEqualTo("* " + witness.name() + " left");
        }
        return joined;
    }

    private ChatClient connect(int receiveBuffer) throws IOException {
        ChatClient client = ChatClient.connect(server.port(), receiveBuffer);
        clients.add(client);
        return client;
    }

    @Test
    void eachLineGoesToEveryOtherClientAsNameColonLineAndNotBackToItsSender() throws Exception {
        List<ChatClient> room = join(3);
        ChatClient a = room.get(0);
        ChatClient b = room.get(1);
        ChatClient c = room.get(2);
        a.send("hello\n");
        assertThat(b.readLine()).isEqualTo(a.name() + ": hello");
        assertThat(c.readLine()).isEqualTo(a.name() + ": hello");
        b.send("hi a\n");
        assertThat(a.readLine()).as("a's next line is b's: its own never came back").isEqualTo(b.name() + ": hi a");
        assertThat(c.readLine()).isEqualTo(b.name() + ": hi a");
    }

    @Test
    void aClientsNameIsTheIpAndPortTheServerSeesAndTheLogSaysSo() throws Exception {
        List<ChatClient> room = join(2);
        int port = Integer.parseInt(room.get(0).name().substring("127.0.0.1:".length()));
        room.get(0).send("x\n");
        assertThat(room.get(1).readLine()).isEqualTo("127.0.0.1:" + port + ": x");
        server.log.await("Connection from ('127.0.0.1', " + port + ")", WAIT);
    }

    @Test
    void othersAreToldWhenAClientJoinsAndWhenItLeaves() throws Exception {
        ChatClient a = join(1).get(0);
        ChatClient b = connect(0);
        assertThat(a.readLine()).isEqualTo("* " + b.name() + " joined");
        a.send("first\n");
        assertThat(b.readLine()).as("no notice of its own joining, none of those already there")
                .isEqualTo(a.name() + ": first");
        b.close();
        assertThat(a.readLine()).isEqualTo("* " + b.name() + " left");
        server.log.awaitCount("Connection closed", 2, WAIT);
    }

    @Test
    void oneTrailingCarriageReturnIsRemovedAndEveryOtherByteGoesThroughUntouched() throws Exception {
        List<ChatClient> room = join(2);
        StringBuilder every = new StringBuilder();
        for (int b = 0; b < 256; b++) {
            if (b != '\n') {
                every.append((char) b);
            }
        }
        room.get(0).send("crlf\r\n" + "two\r\r\n" + "mid\rdle\n" + " spaced \n" + every + "\n");
        ChatClient to = room.get(1);
        String name = room.get(0).name();
        assertThat(to.readLine()).isEqualTo(name + ": crlf");
        assertThat(to.readLine()).isEqualTo(name + ": two\r");
        assertThat(to.readLine()).isEqualTo(name + ": mid\rdle");
        assertThat(to.readLine()).isEqualTo(name + ":  spaced ");
        assertThat(to.readLine()).isEqualTo(name + ": " + every);
    }

    @Test
    void linesAreCutAtNewlinesWhateverTheWritesAre() throws Exception {
        List<ChatClient> room = join(2);
        ChatClient a = room.get(0);
        a.send("one\ntw");
        a.send("o\nthr");
        a.send("ee");
        a.send("\n");
        ChatClient b = room.get(1);
        assertThat(List.of(b.readLine(), b.readLine(), b.readLine()))
                .containsExactly(a.name() + ": one", a.name() + ": two", a.name() + ": three");
    }

    @Test
    void emptyLinesAreIgnored() throws Exception {
        List<ChatClient> room = join(2);
        room.get(0).send("\n\r\n\n");
        room.get(0).send("after\n");
        assertThat(room.get(1).readLine()).isEqualTo(room.get(0).name() + ": after");
        room.get(0).close();
        assertThat(room.get(1).readLine()).isEqualTo("* " + room.get(0).name() + " left");
        server.stop(WAIT);
        assertThat(server.log.all()).last().isEqualTo("Served 2 connections, relayed 1 lines");
    }

    @Test
    void aPartialLineIsDroppedWhenItsSenderDisconnects() throws Exception {
        List<ChatClient> room = join(2);
        room.get(0).send("whole\npartial");
        room.get(0).close();
        ChatClient b = room.get(1);
        assertThat(b.readLine()).isEqualTo(room.get(0).name() + ": whole");
        assertThat(b.readLine()).isEqualTo("* " + room.get(0).name() + " left");
        b.send("still here\n"); // b's own line is not sent back: nothing more is on its way to b
        server.stop(WAIT);
        assertThat(b.readLine()).as("nothing after the left notice").isNull();
    }

    @Test
    void aSendersLinesArriveInOrderAndItsLeftNoticeAfterTheLastOfThem() throws Exception {
        List<ChatClient> room = join(3);
        ChatClient a = room.get(0);
        StringBuilder burst = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            burst.append("line ").append(i).append('\n');
        }
        a.send(burst.substring(0, 7000));
        a.send(burst.substring(7000));
        a.close();
        for (ChatClient to : room.subList(1, 3)) {
            List<String> lines = to.readUntil("* " + a.name() + " left");
            assertThat(lines).hasSize(2000);
            for (int i = 0; i < 2000; i++) {
                assertThat(lines.get(i)).isEqualTo(a.name() + ": line " + i);
            }
        }
    }

    @Test
    void aJoinedNoticeComesBeforeAnyLineOfTheNewcomer() throws Exception {
        ChatClient a = join(1).get(0);
        for (int i = 0; i < 20; i++) {
            try (ChatClient x = ChatClient.connect(server.port())) {
                x.send("at once " + i + "\n"); // sent before x knows whether it is in the room yet
                assertThat(a.readLine()).isEqualTo("* " + x.name() + " joined");
                assertThat(a.readLine()).isEqualTo(x.name() + ": at once " + i);
                x.close();
                assertThat(a.readLine()).isEqualTo("* " + x.name() + " left");
            }
        }
    }

    @Test
    void lineOf4096BytesIsRelayedAndOneByteMoreClosesTheSenderWithANotice() throws Exception {
        List<ChatClient> room = join(2);
        ChatClient a = room.get(0);
        ChatClient b = room.get(1);
        String max = "m".repeat(LineSplitter.MAX_LINE);
        a.send(max + "\n");
        a.send(max + "\r\n");
        assertThat(b.readLine()).isEqualTo(a.name() + ": " + max);
        assertThat(b.readLine()).isEqualTo(a.name() + ": " + max);
        a.send("x".repeat(LineSplitter.MAX_LINE + 1) + "\n");
        assertThat(a.readLine()).isEqualTo("* line too long");
        assertThat(a.readLine()).as("then the server closes it").isNull();
        assertThat(b.readLine()).isEqualTo("* " + a.name() + " left");
    }

    @Test
    void aLineTooLongIsRefusedBeforeItsNewlineComes() throws Exception {
        List<ChatClient> room = join(2);
        ChatClient a = room.get(0);
        a.send("y".repeat(3 * LineSplitter.MAX_LINE)); // no \n, ever
        assertThat(a.readLine()).isEqualTo("* line too long");
        assertThat(room.get(1).readLine()).isEqualTo("* " + a.name() + " left");
    }

    @Test
    void aClientThatDoesNotReadHoldsUpNoOneAndLosesNothingBelowTheLimit() throws Exception {
        List<ChatClient> room = join(3);
        ChatClient sender = room.get(0);
        ChatClient fast = room.get(1);
        ChatClient slow = room.get(2); // reads nothing until the end
        String payload = "p".repeat(4000);
        int lines = ChatRoom.MAX_UNDELIVERED;
        for (int i = 0; i < lines; i++) {
            sender.send(i + payload + "\n");
            assertThat(fast.readLine()).isEqualTo(sender.name() + ": " + i + payload);
        }
        for (int i = 0; i < lines; i++) {
            assertThat(slow.readLine()).isEqualTo(sender.name() + ": " + i + payload);
        }
    }

    @Test
    void aClientWithMoreThan1024LinesUndeliveredIsCutOffAndTheOthersToldItLeft() throws Exception {
        List<ChatClient> room = join(3);
        ChatClient sender = room.get(0);
        ChatClient fast = room.get(1);
        ChatClient slow = room.get(2); // never reads
        AtomicInteger received = new AtomicInteger();
        AtomicReference<String> ending = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                String line;
                while ((line = fast.readLine()) != null && line.startsWith(sender.name() + ": ")) {
                    received.incrementAndGet();
                }
                ending.set(line);
            } catch (IOException e) {
                ending.set(e.toString());
            }
        });
        reader.start();
        String payload = "q".repeat(4000);
        int sent = 0;
        // The kernel's buffers take some lines before the server holds any: send until it gives up.
        while (ending.get() == null && sent < 20_000) {
            sender.send(payload + "\n");
            sent++;
            if (sent % 64 == 0) {
                while (received.get() < sent && ending.get() == null) {
                    Thread.onSpinWait(); // the fast client keeps up; the slow one does not have to
                }
            }
        }
        reader.join(WAIT.toMillis());
        assertThat(ending.get()).isEqualTo("* " + slow.name() + " left");
        assertThat(received.get()).as("more than the limit was sent before it was cut off")
                .isGreaterThan(ChatRoom.MAX_UNDELIVERED);
    }

    @Test
    void aStopDeliversTheLinesAcceptedThenClosesEveryoneAndPrintsTheSummary() throws Exception {
        List<ChatClient> room = join(2);
        ChatClient sender = room.get(0);
        ChatClient slow = connect(4096); // a small window: most of what it is sent waits in the server
        assertThat(sender.readLine()).isEqualTo("* " + slow.name() + " joined");
        ChatClient witness = room.get(1);
        assertThat(witness.readLine()).isEqualTo("* " + slow.name() + " joined");
        String payload = "d".repeat(LineSplitter.MAX_LINE - 5);
        int lines = ChatRoom.MAX_UNDELIVERED;
        for (int i = 0; i < lines; i++) {
            sender.send(String.format("%04d", i) + payload + "\n");
        }
        for (int i = 0; i < lines; i++) { // the witness has them all: so they were accepted for slow too
            assertThat(witness.readLine()).isEqualTo(sender.name() + ": " + String.format("%04d", i) + payload);
        }
        Thread stop = new Thread(() -> {
            try {
                server.stop(WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        stop.start();
        server.log.await(line -> line.startsWith("Stopping: "), WAIT);
        for (int i = 0; i < lines; i++) {
            assertThat(slow.readLine()).isEqualTo(sender.name() + ": " + String.format("%04d", i) + payload);
        }
        assertThat(slow.readLine()).isNull();
        assertThat(sender.readLine()).isNull();
        assertThat(witness.readLine()).isNull();
        stop.join(WAIT.toMillis());
        assertThat(server.log.all()).last().isEqualTo("Served 3 connections, relayed " + lines + " lines");
    }
}
