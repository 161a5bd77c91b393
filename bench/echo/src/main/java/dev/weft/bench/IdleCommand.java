package dev.weft.bench;

import java.io.IOException;
import java.nio.channels.Selector;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code idle}: the server's resident memory per idle connection. A first burst of N
 * connections, opened and closed, lets the server grow whatever it grows once (heap, arenas,
 * tables); then RSS is read, N connections are opened and each proven set up by one round trip,
 * and RSS is read again. The cold figure, from the first burst, is printed too: it is what a
 * server that has never seen N clients pays. For a JVM server, both readings are taken once
 * more after a full collection ({@code jcmd PID GC.class_histogram}, which collects first): a
 * JVM's resident heap follows where allocation has been, so the plain readings vary between
 * runs, while the collected ones follow what each connection keeps alive. The same histogram
 * gives the live heap itself (its total), the steadiest of the figures: what the objects of an
 * idle connection take, byte for byte, without the heap's sizing policy.
 */
@Command(name = "idle", mixinStandardHelpOptions = true,
        description = "Resident memory of the server per idle connection, from /proc/PID/status VmRSS.")
final class IdleCommand implements Callable<Integer> {
    private static final int MESSAGE_SIZE = 64;

    @Spec
    CommandSpec spec;

    @Mixin
    Target target;

    @Option(names = "--connections", defaultValue = "10000", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
    int connections;

    @Option(names = "--settle", defaultValue = "2", paramLabel = "SECONDS",
            description = "Pause before each RSS reading, for the server to finish closing or setting up (default: ${DEFAULT-VALUE}).")
    double settle;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (target.serverPid == null || connections < 1) {
            throw new ParameterException(spec.commandLine(), "idle needs --server-pid and --connections >= 1");
        }
        Errors errors = new Errors();
        ServerProcess server = new ServerProcess(target.serverPid);
        Report report = new Report().put("mode", "idle").put("connections", connections);
        String summary = "could not set up the connections";
        try (Selector selector = Selector.open()) {
            Connector connector = new Connector(selector, target.address(), target.prefixBytes(), MESSAGE_SIZE,
                    target.maxPending, server, errors);
            long start = settledRss(server);
            Connection[] warmup = connector.connect(connections, target.connectTimeout);
            if (warmup != null) {
                long cold = settledRss(server);
                Connection.closeAll(warmup);
                long before = settledRss(server);
                Collected beforeCollected = collect(server);
                Connection[] idle = connector.connect(connections, target.connectTimeout);
                if (idle != null) {
                    long after = settledRss(server);
                    Collected afterCollected = collect(server);
                    Connection.closeAll(idle);
                    if (beforeCollected != null && afterCollected != null) {
                        report.put("gc_rss_per_conn_bytes", (double) (afterCollected.rss - beforeCollected.rss) / connections, 0)
                                .put("live_heap_per_conn_bytes",
                                        (double) (afterCollected.liveHeap - beforeCollected.liveHeap) / connections, 0);
                    }
                    double perConnection = (double) (after - before) / connections;
                    double coldPerConnection = (double) (cold - start) / connections;
                    report.put("rss_before_kb", before / 1024)
                            .put("rss_after_kb", after / 1024)
                            .put("rss_per_conn_bytes", perConnection, 0)
                            .put("cold_rss_per_conn_bytes", coldPerConnection, 0);
                    summary = String.format(Locale.ROOT,
                            "%.0f bytes of server RSS per idle connection (%.0f on a cold server)",
                            perConnection, coldPerConnection);
                }
            }
        }
        report.putErrors(errors);
        System.out.println(report.line());
        System.out.println("idle, " + connections + " connections: " + summary + "; errors " + errors.total()
                + (errors.serverDied ? "; the server died" : ""));
        return errors.total() > 0 || errors.serverDied ? 1 : 0;
    }

    /** RSS and the live heap's bytes, after a full collection. */
    private record Collected(long rss, long liveHeap) {}

    /** {@link Collected}, or null if the server is not a JVM that jcmd can reach. */
    private Collected collect(ServerProcess server) throws InterruptedException {
        long liveHeap = -1;
        try {
            Process jcmd = new ProcessBuilder("jcmd", Long.toString(server.pid()), "GC.class_histogram")
                    .redirectErrorStream(true).start();
            // The last line: "Total <instances> <bytes>".
            String[] total = null;
            try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(jcmd.getInputStream()))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("Total")) {
                        total = line.trim().split("\\s+");
                    }
                }
            }
            if (!jcmd.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) || jcmd.exitValue() != 0 || total == null) {
                jcmd.destroyForcibly();
                return null;
            }
            liveHeap = Long.parseLong(total[2]);
        } catch (IOException noJcmd) {
            return null;
        }
        return new Collected(settledRss(server), liveHeap);
    }

    private long settledRss(ServerProcess server) throws InterruptedException {
        Thread.sleep((long) (settle * 1000));
        return server.rssBytes();
    }
}
