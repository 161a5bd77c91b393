package weft.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The traces a scenario script prints under python3 ("## name", then one line each), run once
 * per script: a test compares its own {@link Trace} with the one Python gives for the same
 * scenario, and is skipped where python3 is not installed.
 */
final class PythonTraces {
    private static final Map<String, Map<String, List<String>>> BY_SCRIPT = new HashMap<>();

    private PythonTraces() {
    }

    /** Asserts that {@code trace} is what {@code scenario} in the script prints under python3. */
    static void assertSameAsPython(String script, String scenario, List<String> trace) {
        Map<String, List<String>> traces = traces(script);
        assumeTrue(traces != null, "python3 is not installed");
        assertThat(traces).as("scenarios in %s", script).containsKey(scenario);
        assertThat(trace).as("%s in %s, compared with python3", scenario, script)
                .containsExactlyElementsOf(traces.get(scenario));
    }

    /** null when python3 is not installed. */
    private static synchronized Map<String, List<String>> traces(String script) {
        if (!BY_SCRIPT.containsKey(script)) {
            BY_SCRIPT.put(script, run(script));
        }
        return BY_SCRIPT.get(script);
    }

    private static Map<String, List<String>> run(String script) {
        try (InputStream source = PythonTraces.class.getResourceAsStream(script)) {
            assertThat(source).as("test resource %s", script).isNotNull();
            Process python;
            try {
                python = new ProcessBuilder("python3", "-").redirectErrorStream(true).start();
            } catch (IOException notInstalled) {
                return null;
            }
            try (OutputStream in = python.getOutputStream()) {
                source.transferTo(in);
            }
            String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(python.waitFor(30, TimeUnit.SECONDS)).as("python3 %s finished", script).isTrue();
            assertThat(python.exitValue()).as("python3 %s: %s", script, output).isZero();
            Map<String, List<String>> traces = new HashMap<>();
            List<String> current = null;
            for (String line : output.lines().toList()) {
                if (line.startsWith("## ")) {
                    current = new ArrayList<>();
                    traces.put(line.substring(3), current);
                } else {
                    assertThat(current).as("python3 %s printed before its first scenario: %s", script, line).isNotNull();
                    current.add(line);
                }
            }
            return traces;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
