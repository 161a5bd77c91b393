package weft.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged jar run as a real process, {@code java -jar target/weft.jar ...}, with its
 * stdout and stderr captured line by line. Closing it kills it if it is still running: only
 * this process, by its own PID.
 */
public final class JarProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("Listening on \\('.*', (\\d+)(, 0, \\d+)?\\)");

    public final Lines stdout = new Lines();
    public final Lines stderr = new Lines();
    private final Process process;
    private final List<Thread> readers = new ArrayList<>();

    private JarProcess(List<String> command) throws IOException {
        this.process = new ProcessBuilder(command).start();
        readers.add(pump(process.getInputStream(), stdout));
        readers.add(pump(process.getErrorStream(), stderr));
    }

    /** {@code java -jar weft.jar args}, on the JVM that runs the tests (JDK 17 in the build). */
    public static JarProcess start(String... args) throws IOException {
        return startWith(javaBin(System.getProperty("java.home")), List.of(), args);
    }

    /**
     * The jar on a given java executable, after a prefix of command words (a shell that lowers a
     * limit first, a tool that drops a capability).
     */
    public static JarProcess startWith(String java, List<String> prefix, String... args) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.add(java);
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(args));
        return new JarProcess(command);
    }

    /** What a short-lived run printed, byte for byte. */
    public record Output(int exitCode, byte[] stdout, byte[] stderr) {}

    /** Runs the jar to the end (at most 60 s) and returns its exact output. */
    public static Output run(String java, String... args) throws IOException, InterruptedException {
        return runWithInput(java, null, args);
    }

    /** Runs the jar to the end (at most 60 s) with {@code input} as its standard input (null: none). */
    public static Output runWithInput(String java, String input, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java, "-jar", jar().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        try (var stdin = process.getOutputStream()) {
            if (input != null) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[][] err = new byte[1][];
        Thread errReader = new Thread(() -> {
            try {
                err[0] = process.getErrorStream().readAllBytes();
            } catch (IOException e) {
                err[0] = new byte[0];
            }
        });
        errReader.start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within 60 s");
        }
        errReader.join(10_000);
        return new Output(process.exitValue(), out, err[0]);
    }

    public static Path jar() {
        String jar = System.getProperty("weft.jar", "target/weft.jar");
        Path path = Path.of(jar);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("no jar at " + path + ": run 'mvn verify', which packages it first");
        }
        return path;
    }

    public static String javaBin(String javaHome) {
        return Path.of(javaHome, "bin", "java").toString();
    }

    public long pid() {
        return process.pid();
    }

    /** Waits for the "Listening on" line and returns the port in it. */
    public int awaitListening() throws InterruptedException {
        String line = stdout.await(l -> LISTENING.matcher(l).matches(), Duration.ofSeconds(30));
        Matcher matcher = LISTENING.matcher(line);
        matcher.matches();
        return Integer.parseInt(matcher.group(1));
    }

    /** Sends a signal by name (TERM, INT) with kill(1). */
    public void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + name + " " + pid() + " failed");
        }
    }

    /** Waits for the process to exit and for its output to be read; returns the exit code. */
    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running " + timeout + " later; stdout " + stdout.all() + ", stderr "
                    + stderr.all());
        }
        for (Thread reader : readers) {
            reader.join(10_000);
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Entries in /proc/PID/fd: the open file descriptors. */
    public int openFileDescriptors() throws IOException {
        try (var entries = Files.list(Path.of("/proc", Long.toString(pid()), "fd"))) {
            return (int) entries.count();
        }
    }

    /** VmRSS from /proc/PID/status, in bytes. */
    public long residentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid());
    }

    /** CPU time (user + system, all threads) used so far, in clock ticks from /proc/PID/stat. */
    public long cpuTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Thread pump(InputStream stream, Lines into) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    into.add(line);
                }
            } catch (IOException closed) {
                // the process is gone
            }
        });
        reader.setDaemon(true);
        reader.start();
        return reader;
    }
}
