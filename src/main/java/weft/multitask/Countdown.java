package weft.multitask;

import java.io.PrintStream;

import kilim.Pausable;
import weft.generator.Generator;

/** The seed's {@code countdown(n)}: prints T-minus n down to 1, yielding after each line. */
public final class Countdown extends Generator<Void, Void, Void> {
    private final int start;
    private final PrintStream out;

    public Countdown(int start, PrintStream out) {
        this.start = start;
        this.out = out;
    }

    @Override
    protected Void body() throws Pausable {
        int n = start;
        while (n > 0) {
            out.println("T-minus " + n);
            this.yield(null);
            n -= 1;
        }
        return null;
    }
}
