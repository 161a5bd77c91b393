package dev.weft.bench;

import java.io.IOException;
import java.nio.channels.Selector;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code load}: connect, warm up, measure, on one thread and one Selector. Prints a RESULT line
 * and a line for people; exits 1 if anything went wrong (the figures are printed all the same).
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Ping-pong or bulk load on an echo server; every reply byte is verified.")
final class LoadCommand implements Callable<Integer> {
    enum Mode { pingpong, bulk }

    /** The servers read at most this much at once and prefix each read's reply. */
    private static final int SERVER_CHUNK = 1000;

    @Spec
    CommandSpec spec;

    @Mixin
    Target target;

    @Option(names = "--connections", defaultValue = "50", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
    int connections;

    @Option(names = "--size", defaultValue = "64", paramLabel = "BYTES",
            description = "Ping-pong message size (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--warmup", defaultValue = "2", paramLabel = "SECONDS", description = "Default: ${DEFAULT-VALUE}.")
    double warmup;

    @Option(names = "--duration", defaultValue = "5", paramLabel = "SECONDS",
            description = "Measured interval (default: ${DEFAULT-VALUE}).")
    double duration;

    @Option(names = "--mode", defaultValue = "pingpong", description = "pingpong or bulk (default: ${DEFAULT-VALUE}).")
    Mode mode;

    @Override
    public Integer call() throws IOException {
        validate();
        Errors errors = new Errors();
        ServerProcess server = new ServerProcess(target.serverPid);
        Report report = new Report().put("mode", mode).put("connections", connections);
        String summary;
        try (Selector selector = Selector.open()) {
            Connector connector = new Connector(selector, target.address(), target.prefixBytes(), size,
                    target.maxPending, server, errors);
            Connection[] open = connector.connect(connections, target.connectTimeout);
            if (open == null) {
                summary = "could not set up the connections";
            } else {
                try {
                    summary = mode == Mode.pingpong
                            ? pingPong(report, new PingPong(selector, server, errors).run(open, warmup, duration))
                            : bulk(report, new Bulk(selector, server, errors).run(open, warmup, duration));
                } finally {
                    Connection.closeAll(open);
                }
            }
        }
        report.putErrors(errors);
        System.out.println(report.line());
        System.out.println(mode + ", " + connections + " connections: " + summary + "; errors " + errors.total()
                + (errors.serverDied ? "; the server died" : ""));
        return errors.total() > 0 || errors.serverDied ? 1 : 0;
    }

    private String pingPong(Report report, PingPong.Outcome outcome) {
        report.put("size", size);
        if (outcome == null) {
            return "no measurement";
        }
        Interval interval = outcome.interval();
        Histogram latency = outcome.latencyNanos();
        double perSecond = outcome.roundTrips() / interval.seconds();
        double cpuPerRoundTrip = interval.serverCpuSeconds() * 1e6 / outcome.roundTrips();
        report.put("seconds", interval.seconds(), 3)
                .put("round_trips", outcome.roundTrips())
                .put("rt_per_s", perSecond, 0)
                .put("p50_us", micros(latency, 50), 1)
                .put("p99_us", micros(latency, 99), 1)
                .put("p999_us", micros(latency, 99.9), 1)
                .put("max_us", latency.getMaxValue() / 1e3, 1)
                .put("server_cpu_us_per_rt", cpuPerRoundTrip, 2);
        putCpuShares(report, interval);
        return String.format(Locale.ROOT,
                "%.0f round trips/s, latency p50 %.0f µs, p99 %.0f µs, p99.9 %.0f µs, server CPU %s µs per round trip",
                perSecond, micros(latency, 50), micros(latency, 99), micros(latency, 99.9),
                Double.isFinite(cpuPerRoundTrip) ? String.format(Locale.ROOT, "%.2f", cpuPerRoundTrip) : "not measured");
    }

    private String bulk(Report report, Bulk.Outcome outcome) {
        if (outcome == null) {
            return "no measurement";
        }
        Interval interval = outcome.interval();
        // MB = 10^6 bytes, counted as they come back verified.
        double megabytesPerSecond = outcome.bytes() / 1e6 / interval.seconds();
        report.put("seconds", interval.seconds(), 3)
                .put("bytes", outcome.bytes())
                .put("mb_per_s", megabytesPerSecond, 1);
        putCpuShares(report, interval);
        return String.format(Locale.ROOT, "%.1f MB/s echoed", megabytesPerSecond);
    }

    /**
     * How busy each side was, in % of one core: tells which side limited the run; and how much
     * CPU other processes took meanwhile, which tells a quiet run from a disturbed one.
     */
    private static void putCpuShares(Report report, Interval interval) {
        report.put("server_cpu_pct", 100 * interval.serverCpuSeconds() / interval.seconds(), 1)
                .put("client_cpu_pct", 100 * interval.clientCpuSeconds() / interval.seconds(), 1)
                .put("other_cpu_pct", 100 * interval.otherCpuSeconds() / interval.seconds(), 1);
    }

    private static double micros(Histogram latencyNanos, double percentile) {
        return latencyNanos.getTotalCount() == 0 ? Double.NaN : latencyNanos.getValueAtPercentile(percentile) / 1e3;
    }

    private void validate() {
        check(connections >= 1, "--connections must be at least 1");
        check(size >= 1, "--size must be at least 1");
        check(warmup >= 0 && duration > 0, "--warmup must be >= 0 and --duration > 0");
        check(target.maxPending >= 1, "--max-pending-connects must be at least 1");
        // A longer message comes back in several prefixed pieces whose boundaries the server picks.
        check(target.prefix.isEmpty() || size <= SERVER_CHUNK,
                "--size above " + SERVER_CHUNK + " needs --prefix '' (the server splits replies at its reads)");
        check(mode == Mode.pingpong || target.prefix.isEmpty(),
                "--mode bulk needs --prefix '' and a server that echoes without one");
    }

    private void check(boolean valid, String problem) {
        if (!valid) {
            throw new ParameterException(spec.commandLine(), problem);
        }
    }
}
