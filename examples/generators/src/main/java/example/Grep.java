package example;

import kilim.Pausable;
import weft.generator.Generator;

/**
 * Python's {@code grep} coroutine (David Beazley, "Generator Tricks", 8.3): receives lines by
 * {@code send}, passes those that contain the pattern on to the next stage.
 *
 * <pre>
 * def grep(pattern, target):
 *     while True:
 *         line = (yield)
 *         if pattern in line:
 *             target.send(line)
 * </pre>
 *
 * A generator as a subclass: {@code body()} declares {@code throws Pausable}, and the build weaves
 * it so that {@code this.yield(null)} really stops here until the next {@code send}. Closing it
 * closes the next stage, so the end of the input reaches the end of the pipeline.
 */
public class Grep extends Generator<Void, String, Void> {
    private final String pattern;
    private final Generator<Void, String, ?> target;

    public Grep(String pattern, Generator<Void, String, ?> target) {
        this.pattern = pattern;
        this.target = target;
    }

    @Override
    protected Void body() throws Pausable {
        try {
            while (true) {
                String line = this.yield(null);
                if (line.contains(pattern)) {
                    target.send(line);
                }
            }
        } finally {
            target.close();
        }
    }
}
