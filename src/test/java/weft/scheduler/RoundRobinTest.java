package weft.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import weft.generator.Generator;
import weft.multitask.Countdown;
import weft.multitask.Countup;
import weft.multitask.Multitask;

/** Part (a): the seed's round-robin run(), same output and same order of execution as Python's. */
@Timeout(60)
class RoundRobinTest {

    @Test
    void multitaskPrintsTheSeedsExpectedTranscriptByteForByte() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Multitask.run(new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(out.toByteArray()).isEqualTo(resource("multitask.expected.txt"));
    }

    @Test
    void multitaskMatchesWhatPythonPrintsForTheSeed(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Multitask.run(new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(out.toByteArray()).isEqualTo(python(dir, "multitask.py"));
    }

    @Test
    void orderOfExecutionMatchesPythonForTasksOfEveryShape(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        RoundRobin run = new RoundRobin(out);
        run.add(new Countdown(3, out));
        run.add(new Generator<Void, Void, Void>(self -> {
            out.println("quick runs");
            return null;
        }));
        run.add(new Generator<Void, Void, String>(self -> {
            out.println("twice 1");
            self.yield(null);
            out.println("twice 2");
            self.yield(null);
            return "value";
        }));
        run.add(new Countup(2, out));
        run.run();

        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .isEqualTo(new String(python(dir, "order.py"), StandardCharsets.UTF_8))
                .startsWith("T-minus 3\nquick runs\nTask done\ntwice 1\nUp we go 0\nT-minus 2\n");
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = RoundRobinTest.class.getResourceAsStream("/seed/" + name)) {
            assertThat(in).as("test resource seed/%s", name).isNotNull();
            return in.readAllBytes();
        }
    }

    /** Runs a seed script with python3 and returns what it printed. */
    private static byte[] python(Path dir, String script) throws Exception {
        Path file = dir.resolve(script);
        Files.write(file, resource(script));
        Process python;
        try {
            python = new ProcessBuilder("python3", file.toString()).redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            assumeTrue(false, "python3 is not installed");
            throw notInstalled;
        }
        byte[] output = python.getInputStream().readAllBytes();
        assertThat(python.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(python.exitValue()).as("python3 %s: %s", script, new String(output, StandardCharsets.UTF_8)).isZero();
        return output;
    }
}
