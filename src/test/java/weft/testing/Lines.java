package weft.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Lines of text written by a server (in-process, through {@link #printStream()}, or a process's
 * stdout), kept in order and awaitable from the test thread.
 */
public final class Lines {
    private final List<String> lines = new ArrayList<>();

    public synchronized void add(String line) {
        lines.add(line);
        notifyAll();
    }

    public synchronized List<String> all() {
        return List.copyOf(lines);
    }

    /** Waits for a line matching {@code test} (seen before or after the call) and returns it. */
    public synchronized String await(Predicate<String> test, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int checked = 0;
        while (true) {
            for (; checked < lines.size(); checked++) {
                if (test.test(lines.get(checked))) {
                    return lines.get(checked);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching line within " + timeout + "; got " + lines);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    public String await(String exact, Duration timeout) throws InterruptedException {
        return await(exact::equals, timeout);
    }

    /** Waits until {@code count} lines equal {@code exact}. */
    public void awaitCount(String exact, int count, Duration timeout) throws InterruptedException {
        awaitCount(exact::equals, count, timeout);
    }

    /** Waits until {@code count} lines match {@code test}. */
    public synchronized void awaitCount(Predicate<String> test, int count, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count(test) < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(count + " matching lines expected within " + timeout + "; got " + count(test));
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    public synchronized long count(String exact) {
        return count(exact::equals);
    }

    public synchronized long count(Predicate<String> test) {
        return lines.stream().filter(test).count();
    }

    /** A PrintStream whose lines land here: what an in-process server logs to. */
    public PrintStream printStream() {
        return new PrintStream(new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                if (b == '\n') {
                    add(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                } else {
                    line.write(b);
                }
            }
        }, true, StandardCharsets.UTF_8);
    }
}
