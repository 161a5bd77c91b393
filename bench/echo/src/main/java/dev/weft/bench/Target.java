package dev.weft.bench;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import picocli.CommandLine.Option;

/** The options {@code load} and {@code idle} share: which server, what it replies, how to connect. */
final class Target {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Server address (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", required = true, description = "Server port.")
    int port;

    @Option(names = "--prefix", defaultValue = "GOT:",
            description = "What the server puts before each chunk it echoes; may be empty (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--server-pid", paramLabel = "PID",
            description = "The server's process: its CPU time and memory are read from /proc, and its death ends the run.")
    Long serverPid;

    @Option(names = "--max-pending-connects", defaultValue = "64", paramLabel = "N",
            description = "Connections being set up at once, at most (default: ${DEFAULT-VALUE}).")
    int maxPending;

    @Option(names = "--connect-timeout", defaultValue = "60", paramLabel = "SECONDS",
            description = "Give up setting up the connections after this long (default: ${DEFAULT-VALUE}).")
    double connectTimeout;

    InetSocketAddress address() {
        return new InetSocketAddress(host, port);
    }

    byte[] prefixBytes() {
        return prefix.getBytes(StandardCharsets.UTF_8);
    }
}
