package example;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import weft.generator.Generator;

/**
 * Beazley's pipeline of coroutines (8.6): a source that sends each line of its input into a
 * chain of consumers, {@code follow -> grep -> printer}.
 *
 * <pre>
 * java example.Pipeline python &lt; access-log     prints the lines that contain "python"
 * </pre>
 */
public final class Pipeline {
    private Pipeline() {}

    /** Python's {@code @coroutine} decorator: runs a consumer up to its first {@code yield}. */
    public static <G extends Generator<Void, String, ?>> G primed(G consumer) {
        consumer.next();
        return consumer;
    }

    /**
     * A sink, as a lambda this time: prints every line it receives, and on close how many.
     * The lambda's own {@code g.yield(null)} suspends it, since the build weaves lambdas too.
     */
    public static Generator<Void, String, Void> printer(PrintStream out) {
        return new Generator<>(g -> {
            int count = 0;
            try {
                while (true) {
                    out.println(g.yield(null));
                    count++;
                }
            } finally {
                out.println("(" + count + " lines)");
            }
        });
    }

    /** The source: sends every line into target, then closes it (Python's follow() never ends). */
    public static void follow(BufferedReader lines, Generator<Void, String, ?> target) {
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                target.send(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            target.close();
        }
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: java example.Pipeline PATTERN < FILE");
            System.exit(2);
        }
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        follow(stdin, primed(new Grep(args[0], primed(printer(System.out)))));
    }
}
