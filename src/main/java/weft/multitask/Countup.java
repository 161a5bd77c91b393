package weft.multitask;

import java.io.PrintStream;

import kilim.Pausable;
import weft.generator.Generator;

/** The seed's {@code countup(n)}: prints Up we go 0 to n-1, yielding after each line. */
public final class Countup extends Generator<Void, Void, Void> {
    private final int limit;
    private final PrintStream out;

    public Countup(int limit, PrintStream out) {
        this.limit = limit;
        this.out = out;
    }

    @Override
    protected Void body() throws Pausable {
        int x = 0;
        while (x < limit) {
            out.println("Up we go " + x);
            this.yield(null);
            x += 1;
        }
        return null;
    }
}
