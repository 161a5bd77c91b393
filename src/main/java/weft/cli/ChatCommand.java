package weft.cli;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import weft.chat.ChatServer;

/** {@code java -jar weft.jar chat}: a line-based chat room; exit codes as the echo server's. */
@Command(name = "chat", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = {
            "A chat room: every line a client sends goes to every other client as 'IP:PORT: line';",
            "'* IP:PORT joined' and '* IP:PORT left' as clients come and go. Lines over 4096 bytes,",
            "and clients with 1024 lines unread, are cut off. SIGINT or SIGTERM stops it: no new",
            "connections, lines already accepted are delivered, exit 0."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:stopped by SIGINT or SIGTERM",
            "1:runtime failure: port in use, permission denied, host not found",
            "2:usage error: unknown option or bad value"})
final class ChatCommand implements Callable<Integer> {
    private static final int BACKLOG = 4096;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "25001", paramLabel = "PORT",
            description = "TCP port to listen on, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "", paramLabel = "HOST",
            description = "Name or address to listen on (default: all interfaces).")
    String host;

    @Option(names = "--quiet", description = "Print no per-connection lines.")
    boolean quiet;

    @Option(names = "--drain-timeout", defaultValue = "2", paramLabel = "SECONDS", converter = Seconds.class,
            description = "On SIGINT/SIGTERM, let accepted lines be delivered for this long (default: ${DEFAULT-VALUE}).")
    Duration drainTimeout;

    @Mixin
    MonitorOption monitor;

    @Override
    public Integer call() {
        Main.checkPort(spec, port);
        InetSocketAddress address = new InetSocketAddress(Main.resolve(host), port);
        ChatServer server = Main.listen(address,
                at -> ChatServer.bind(new ChatServer.Config(at, BACKLOG, quiet, drainTimeout,
                        monitor.port()), System.out));
        Signals.onStop(server::stop);
        server.run();
        return 0;
    }
}
