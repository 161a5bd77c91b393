package dev.weft.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.Selector;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code chat}: the chat fan-out benchmark's load, one sender and N receivers (see
 * {@link ChatFanOut}). Prints a RESULT line and a line for people; exits 1 if anything went
 * wrong.
 */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = "Chat fan-out load: one sender, N receivers; every delivered line is checked.")
final class ChatLoadCommand implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--port", required = true)
    int port;

    @Option(names = "--server-pid", paramLabel = "PID", description = "Its CPU time is read from /proc.")
    Long serverPid;

    @Option(names = "--receivers", defaultValue = "1000", description = "Default: ${DEFAULT-VALUE}.")
    int receivers;

    @Option(names = "--size", defaultValue = "64", paramLabel = "BYTES",
            description = "Bytes per line sent, \\n included (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--window", defaultValue = "256", paramLabel = "LINES",
            description = "Lines sent and not yet delivered everywhere, at most (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--warmup", defaultValue = "2", paramLabel = "SECONDS", description = "Default: ${DEFAULT-VALUE}.")
    double warmup;

    @Option(names = "--duration", defaultValue = "5", paramLabel = "SECONDS", description = "Default: ${DEFAULT-VALUE}.")
    double duration;

    @Option(names = "--connect-timeout", defaultValue = "60", paramLabel = "SECONDS", description = "Default: ${DEFAULT-VALUE}.")
    double connectTimeout;

    @Override
    public Integer call() throws IOException {
        if (size < 10 || window < 1 || window > 1000) {
            throw new IllegalArgumentException("--size must be at least 10 and --window 1 to 1000");
        }
        Errors errors = new Errors();
        ServerProcess server = new ServerProcess(serverPid);
        Report report = new Report().put("mode", "chat").put("receivers", receivers).put("size", size)
                .put("window", window);
        String summary = "could not set up the connections";
        try (Selector selector = Selector.open()) {
            ChatFanOut load = new ChatFanOut(selector, server, errors, size, window);
            try {
                if (load.connect(new InetSocketAddress(host, port), receivers, connectTimeout)) {
                    load.run(System.nanoTime() + (long) (warmup * 1e9), true);
                    Snapshot start = Snapshot.take(server);
                    long before = load.delivered;
                    load.run(start.nanos() + (long) (duration * 1e9), true);
                    Snapshot end = Snapshot.take(server);
                    long lines = load.delivered - before;
                    load.run(System.nanoTime() + 2_000_000_000L, false);
                    Interval interval = new Interval(start, end);
                    double perSecond = lines / interval.seconds();
                    double cpuUsPerLine = interval.serverCpuSeconds() * 1e6 / lines;
                    report.put("lines_per_s", perSecond, 0)
                            .put("server_cpu_us_per_line", cpuUsPerLine, 3)
                            .put("server_cpu_pct", 100 * interval.serverCpuSeconds() / interval.seconds(), 1)
                            .put("client_cpu_pct", 100 * interval.clientCpuSeconds() / interval.seconds(), 1)
                            .put("other_cpu_pct", 100 * interval.otherCpuSeconds() / interval.seconds(), 1);
                    summary = String.format("%.0f lines delivered/s, server CPU %.3f µs per delivered line",
                            perSecond, cpuUsPerLine);
                }
            } finally {
                load.close();
            }
        }
        report.putErrors(errors);
        System.out.println(report.line());
        System.out.println("chat fan-out, " + receivers + " receivers: " + summary + "; errors " + errors.total()
                + (errors.serverDied ? "; the server died" : ""));
        return errors.total() > 0 || errors.serverDied ? 1 : 0;
    }
}
