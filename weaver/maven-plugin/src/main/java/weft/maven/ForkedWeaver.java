package weft.maven;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/**
 * {@code weft.weaver.Weave} in a JVM of its own (the same java that runs Maven), with its lines
 * passed on to Maven's log. Kilim's weaver keeps static state and calls {@code System.exit} on
 * some errors: neither may reach the JVM that runs the build.
 */
final class ForkedWeaver {
    private static final String PREFIX = "weft-weaver: ";

    private final Path kilimJar;
    private final List<Path> weaverClasspath;
    private final Log log;

    ForkedWeaver(Path kilimJar, List<Path> weaverClasspath, Log log) {
        this.kilimJar = kilimJar;
        this.weaverClasspath = weaverClasspath;
        this.log = log;
    }

    /** Weaves classes (relative to the current directory, or absolute), in place. */
    void weave(Path classes, List<Path> classpath, List<String> excludes)
            throws IOException, MojoExecutionException, MojoFailureException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", join(weaverClasspath), "weft.weaver.Weave",
                "--kilim", kilimJar.toString(),
                "--classpath", join(classpath)));
        for (String exclude : excludes) {
            command.add("--exclude");
            command.add(exclude);
        }
        command.add(classes.toString());

        Process weaver = new ProcessBuilder(command).start();
        List<String> errors = new ArrayList<>();
        Thread errorReader = new Thread(() -> forEachLine(weaver, true, line -> {
            errors.add(line);
            log.error(line);
        }), "weft-weaver stderr");
        errorReader.start();
        forEachLine(weaver, false, line -> log.info(line.startsWith(PREFIX) ? "weft: " + line.substring(PREFIX.length()) : line));
        int status;
        try {
            status = weaver.waitFor();
            errorReader.join();
        } catch (InterruptedException e) {
            weaver.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("weft: interrupted while weaving " + classes, e);
        }
        if (status == 2) {
            throw new MojoExecutionException("weft: the weaver refused its arguments: " + String.join("; ", errors));
        }
        if (status != 0) {
            String unwoven = errors.stream().filter(line -> line.contains(" is not woven: ") || line.contains("rror"))
                    .map(line -> line.startsWith(PREFIX) ? line.substring(PREFIX.length()) : line)
                    .collect(Collectors.joining(System.lineSeparator() + "  "));
            throw new MojoFailureException("weft: weaving " + classes + " failed:" + System.lineSeparator() + "  "
                    + (unwoven.isEmpty() ? "exit status " + status + " (see the log above)" : unwoven));
        }
    }

    private static void forEachLine(Process process, boolean stderr, Consumer<String> action) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                stderr ? process.getErrorStream() : process.getInputStream(), StandardCharsets.UTF_8))) {
            lines.lines().forEach(action);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String join(List<Path> paths) {
        return paths.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }
}
