package weft.docs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import weft.net.GenListener;
import weft.net.GenSocket;
import weft.scheduler.Scheduler;
import weft.scheduler.Task;
import weft.scheduler.TaskEvents;
import weft.scheduler.TaskGroup;
import weft.scheduler.Tasks;

/**
 * The README's "Write your own tasks" examples, run: every java block of that section is quoted
 * from this file ({@link ReadmeTest} checks), so the README shows code that compiles and works.
 */
@Timeout(30)
class WriteYourOwnTasksTest {

    // README: client
    static Task<String> client(InetSocketAddress server, String line) {
        return new Task<>("client", self -> {
            try (GenSocket socket = GenSocket.connect(server)) {
                socket.sendAll(ByteBuffer.wrap(line.getBytes(UTF_8)));
                ByteBuffer reply = socket.recv(1000);               // the task waits here
                return reply == null ? null : UTF_8.decode(reply).toString();
            }
        });
    }
    // README: end

    // README: server
    static Task<Void> server(GenListener listener) {
        return new Task<>("server", self -> {
            while (true) {
                GenSocket client = listener.accept();               // ... and here
                Tasks.spawn(new Task<Void>("echo", echo -> {
                    try (client) {
                        for (ByteBuffer data; (data = client.recv(1000)) != null; ) {
                            client.sendAll(data);
                        }
                    }
                    return null;
                }));
            }
        });
    }
    // README: end

    @Test
    void aServerAndThreeClientsInATaskGroupWithATimeout() throws Exception {
        List<String> replies = new ArrayList<>();
        // README: main
        Scheduler scheduler = new Scheduler(TaskEvents.SILENT);
        try (GenListener listener = GenListener.bind(new InetSocketAddress("127.0.0.1", 0), 16)) {
            Task<Void> server = scheduler.spawn(server(listener));
            scheduler.spawn(new Task<>("main", self -> {
                InetSocketAddress address = listener.localAddress();
                List<Task<String>> clients = Tasks.timeoutAfter(Duration.ofSeconds(5), () ->
                        TaskGroup.run(group -> List.of(               // ends when all three have
                                group.spawn(client(address, "one")),
                                group.spawn(client(address, "two")),
                                group.spawn(client(address, "three")))));
                for (Task<String> client : clients) {
                    replies.add(client.result());
                }
                server.cancel();                                      // its finally blocks run
                return null;
            }));
            scheduler.run();
        }
        // README: end
        assertThat(replies).containsExactly("one", "two", "three");
    }
}
