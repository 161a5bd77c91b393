package weft.cli;

import picocli.CommandLine.Option;
import weft.monitor.Monitor;

/** {@code --monitor[=PORT]}, the same on every server command (a picocli mixin). */
final class MonitorOption {
    @Option(names = "--monitor", arity = "0..1", fallbackValue = "" + Monitor.DEFAULT_PORT, paramLabel = "PORT",
            converter = MonitorPort.class,
            description = "Serve the task monitor (ps, where, cancel, stats) on 127.0.0.1, port PORT "
                    + "(default when given: ${FALLBACK-VALUE}); 'weft monitor' talks to it. Off unless given.")
    Integer port;

    /** The port, or {@link Monitor#OFF} when the option was not given. */
    int port() {
        return port == null ? Monitor.OFF : port;
    }
}
