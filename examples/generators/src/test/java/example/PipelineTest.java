package example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import weft.generator.Generator;

@Timeout(10)
class PipelineTest {
    private static final String LOG = """
            GET /python/index.html
            GET /java/index.html
            GET /python/tricks.pdf
            """;

    @Test
    void grepSendsOnOnlyTheLinesThatMatchInOrder() {
        List<String> received = new ArrayList<>();
        Generator<Void, String, Void> collect = Pipeline.primed(new Generator<>(g -> {
            while (true) {
                received.add(g.yield(null)); // a Pausable lambda among the tests: woven by weave-tests
            }
        }));
        Grep grep = Pipeline.primed(new Grep("python", collect));

        grep.send("GET /python/index.html");
        grep.send("GET /java/index.html");
        assertEquals(List.of("GET /python/index.html"), received);
        grep.send("GET /python/tricks.pdf");
        assertEquals(List.of("GET /python/index.html", "GET /python/tricks.pdf"), received);
    }

    @Test
    void followDrivesTheWholeChainAndTheEndOfInputClosesIt() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream printed = new PrintStream(out, true, StandardCharsets.UTF_8);
        Generator<Void, String, Void> printer = Pipeline.primed(Pipeline.printer(printed));
        Grep grep = Pipeline.primed(new Grep("python", printer));

        Pipeline.follow(new BufferedReader(new StringReader(LOG)), grep);

        assertEquals("GET /python/index.html\nGET /python/tricks.pdf\n(2 lines)\n", out.toString(StandardCharsets.UTF_8));
        assertEquals(Generator.State.CLOSED, grep.state());
        assertEquals(Generator.State.CLOSED, printer.state());
    }
}
