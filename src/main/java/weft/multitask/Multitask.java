package weft.multitask;

import java.io.PrintStream;

import weft.scheduler.RoundRobin;

/** The seed's {@code multitask.py} main: countdown(10), countdown(5) and countup(20), round-robin. */
public final class Multitask {
    private Multitask() {}

    public static void run(PrintStream out) {
        RoundRobin scheduler = new RoundRobin(out);
        scheduler.add(new Countdown(10, out));
        scheduler.add(new Countdown(5, out));
        scheduler.add(new Countup(20, out));
        scheduler.run();
    }
}
