package weft.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import weft.net.Addresses;
import weft.net.EchoServer;
import weft.net.TcpSocket;
import weft.monitor.Monitor;
import weft.transport.Transport;
import weft.transport.TransportUnavailable;
import weft.transport.Transports;

/**
 * {@code java -jar weft.jar}: the echo server (the seed's {@code server.py}), or with
 * {@code multitask} the seed's {@code multitask.py}.
 *
 * <p>Exit codes: 0 stopped by SIGINT/SIGTERM after draining; 1 a runtime failure (port in use,
 * permission denied, host not found), one line on standard error; 2 a usage error, one line and
 * the usage.
 */
@Command(name = "weft", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        subcommands = {MultitaskCommand.class, ChatCommand.class, MonitorCommand.class},
        description = {
            "The seed's coroutine echo server on Kilim-woven tasks: replies GOT: + every chunk",
            "(at most 1000 bytes) a client sends, to many clients at once on one thread.",
            "SIGINT or SIGTERM stops it: no new connections, replies in flight finish, exit 0."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:stopped by SIGINT or SIGTERM",
            "1:runtime failure: port in use, permission denied, host not found",
            "2:usage error: unknown option or bad value"})
public final class Main implements Callable<Integer> {
    static final int RUNTIME_FAILURE = 1;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "25000", paramLabel = "PORT",
            description = "TCP port to listen on, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "", paramLabel = "HOST",
            description = "Name or address to listen on (default: all interfaces, like the seed's '').")
    String host;

    @Option(names = "--backlog", defaultValue = "4096", paramLabel = "N",
            description = "Listen backlog; the kernel caps it at net.core.somaxconn (default: ${DEFAULT-VALUE}).")
    int backlog;

    @Option(names = "--quiet", description = "Print no per-connection lines.")
    boolean quiet;

    @Option(names = "--idle-timeout", defaultValue = "0", paramLabel = "SECONDS", converter = Seconds.class,
            description = "Close a connection that makes no progress this long (default: never).")
    Duration idleTimeout;

    @Option(names = "--max-connections", defaultValue = "0", paramLabel = "N",
            description = "Serve at most N clients at once; more are accepted and closed at once (default: no limit).")
    int maxConnections;

    @Option(names = "--drain-timeout", defaultValue = "2", paramLabel = "SECONDS", converter = Seconds.class,
            description = "On SIGINT/SIGTERM, let replies in flight finish for this long (default: ${DEFAULT-VALUE}).")
    Duration drainTimeout;

    @Option(names = "--prefix", defaultValue = "GOT:", paramLabel = "TEXT",
            description = "What goes before each reply; may be empty (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--handler", defaultValue = "traps", paramLabel = "STYLE",
            converter = HandlerStyle.class,
            description = "Which echo_handler: traps, the seed's (a yield before each socket call), or gensocket, "
                    + "the lesson's next (socket calls that suspend inside) (default: ${DEFAULT-VALUE}).")
    EchoServer.Handler handler;

    @Mixin
    MonitorOption monitor;

    @Option(names = "--transport", paramLabel = "NAME",
            description = "Where I/O readiness and socket calls come from: epoll (Linux, Java 22+, through FFM) "
                    + "or nio (java.nio, anywhere); an epoll that cannot run here exits 2 "
                    + "(default: epoll where it can run, else nio; --version says which).")
    String transport;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setParameterExceptionHandler((error, ignored) -> {
            CommandLine failed = error.getCommandLine();
            failed.getErr().println("weft: " + error.getMessage());
            failed.usage(failed.getErr());
            return failed.getCommandSpec().exitCodeOnInvalidInput();
        });
        commandLine.setExecutionExceptionHandler((error, failed, parseResult) -> {
            if (error instanceof TransportUnavailable unavailable) { // one line, no usage: the option was fine
                failed.getErr().println("weft: " + unavailable.getMessage());
                return failed.getCommandSpec().exitCodeOnInvalidInput();
            }
            failed.getErr().println("weft: " + (error instanceof UserError ? error.getMessage() : "internal error: " + error));
            return RUNTIME_FAILURE;
        });
        try {
            return commandLine.execute(args);
        } catch (Throwable error) { // picocli hands on Errors: still one line, never a stack trace
            System.err.println("weft: internal error: " + error);
            return RUNTIME_FAILURE;
        }
    }

    @Override
    public Integer call() {
        validate();
        Transport chosen = transport == null ? Transports.defaultTransport() : Transports.named(transport);
        EchoServer server = bind(new InetSocketAddress(resolve(host), port), chosen);
        Signals.onStop(server::stop);
        server.run();
        return 0;
    }

    private void validate() {
        checkPort(spec, port);
        check(backlog >= 1, "--backlog", backlog + " is not at least 1");
        check(maxConnections >= 0, "--max-connections", maxConnections + " is negative");
        int prefixBytes = prefix.getBytes(StandardCharsets.UTF_8).length;
        check(prefixBytes <= TcpSocket.HEADROOM, "--prefix",
                "'" + prefix + "' is " + prefixBytes + " bytes, more than " + TcpSocket.HEADROOM);
        check(transport == null || transport.equals("nio") || transport.equals("epoll"), "--transport",
                "'" + transport + "' is neither nio nor epoll");
    }

    static void checkPort(CommandSpec spec, int port) {
        check(spec, port >= 0 && port <= 65535, "--port", port + " is not a port number (0 to 65535)");
    }

    private void check(boolean valid, String option, String problem) {
        check(spec, valid, option, problem);
    }

    private static void check(CommandSpec spec, boolean valid, String option, String problem) {
        if (!valid) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': " + problem);
        }
    }

    static InetAddress resolve(String host) {
        if (host.isEmpty()) {
            return new InetSocketAddress(0).getAddress(); // the wildcard address, like the seed's ''
        }
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new UserError("cannot resolve host '" + host + "'");
        }
    }

    private EchoServer bind(InetSocketAddress address, Transport transport) {
        EchoServer.Config config = new EchoServer.Config(address, backlog, quiet, idleTimeout, maxConnections,
                drainTimeout, prefix, handler, monitor.port());
        return listen(address, at -> EchoServer.bind(config, transport, System.out));
    }

    /** How a server binds its listening socket: the JDK's exceptions as they come. */
    @FunctionalInterface
    interface Bind<T> {
        T on(InetSocketAddress address) throws IOException;
    }

    /** Binds with {@code bind}; a failure becomes one line for the user (exit code 1). */
    static <T> T listen(InetSocketAddress address, Bind<T> bind) {
        try {
            return bind.on(address);
        } catch (Monitor.BindFailure e) {
            throw new UserError(e.getMessage());
        } catch (SocketException e) { // BindException among them
            throw new UserError(bindFailure(address, e));
        } catch (IOException e) {
            throw new UserError("cannot listen on " + Addresses.python(address) + ": " + e.getMessage());
        }
    }

    private static String bindFailure(InetSocketAddress address, SocketException e) {
        String reason = String.valueOf(e.getMessage());
        if (reason.contains("in use")) {
            return "port " + address.getPort() + " is already in use";
        }
        if (reason.contains("Permission denied") || reason.contains("Access denied")) {
            return "permission denied to listen on port " + address.getPort()
                    + (address.getPort() < 1024 ? " (ports below 1024 need root or CAP_NET_BIND_SERVICE)" : "");
        }
        return "cannot listen on " + Addresses.python(address) + ": " + reason;
    }
}
