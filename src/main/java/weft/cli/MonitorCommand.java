package weft.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import weft.monitor.Monitor;

/**
 * {@code java -jar weft.jar monitor}: the task monitor's client. With a terminal it prompts, like
 * curio's; from a pipe it sends one command per line ({@code echo ps | weft monitor}). It ends
 * with exit status 0 at the end of its input or after {@code quit}, and 1, with one line, when
 * nothing listens.
 */
@Command(name = "monitor", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Talk to the task monitor of a weft server started with --monitor:",
            "ps, where ID, cancel ID, stats, help, quit."})
final class MonitorCommand implements Callable<Integer> {
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST",
            description = "Where the monitor listens (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "" + Monitor.DEFAULT_PORT, paramLabel = "PORT",
            description = "The monitor's port (default: ${DEFAULT-VALUE}).")
    int port;

    @Override
    public Integer call() throws IOException {
        PrintStream out = System.out;
        boolean interactive = System.console() != null;
        try (Socket socket = connect();
             BufferedReader answers = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
             Writer commands = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
             BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            while (true) {
                if (interactive) {
                    out.print("weft > ");
                    out.flush();
                }
                String command = input.readLine();
                if (command == null) {
                    return 0;
                }
                if (command.isBlank()) {
                    continue;
                }
                commands.write(command + "\n");
                commands.flush();
                if (!printAnswer(answers, out)) {
                    throw new UserError("the monitor closed the connection");
                }
                String word = command.trim().toLowerCase(java.util.Locale.ROOT);
                if (word.equals("quit") || word.equals("exit")) {
                    return 0;
                }
            }
        }
    }

    private Socket connect() {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            return socket;
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // the connect failure is the one worth reporting
            }
            throw new UserError("nothing listens on " + host + ":" + port
                    + " (start the server with --monitor" + (port == Monitor.DEFAULT_PORT ? "" : "=" + port) + ")");
        }
    }

    /** Prints the lines of one answer (it ends with an empty line); false if the connection ended first. */
    private static boolean printAnswer(BufferedReader answers, PrintStream out) throws IOException {
        for (String line = answers.readLine(); line != null; line = answers.readLine()) {
            if (line.isEmpty()) {
                return true;
            }
            out.println(line);
        }
        return false;
    }
}
