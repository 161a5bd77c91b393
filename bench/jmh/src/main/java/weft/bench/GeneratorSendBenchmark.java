package weft.bench;

import java.util.concurrent.TimeUnit;

import kilim.Pausable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import weft.generator.Generator;

/**
 * One {@code send}: resume a suspended body and run it to its next yield, which suspends it
 * again. Depth 1: the body yields itself. Depth 5: the yield is four Pausable calls down, so
 * five of the body's frames unwind and rewind each time (Python: a chain of {@code yield from}).
 * The Python figures for the same two shapes come from bench/micro/seed_steps.py.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class GeneratorSendBenchmark {
    private static final Object VALUE = new Object();

    private Generator<Object, Object, Void> depth1;
    private Generator<Object, Object, Void> depth5;

    @Setup
    public void start() {
        depth1 = new Endless();
        depth1.next();
        depth5 = new FiveDeep();
        depth5.next();
    }

    @Benchmark
    public Object sendDepth1() {
        return depth1.send(VALUE);
    }

    @Benchmark
    public Object sendDepth5() {
        return depth5.send(VALUE);
    }

    /** {@code while True: x = yield x} */
    static final class Endless extends Generator<Object, Object, Void> {
        @Override
        protected Void body() throws Pausable {
            Object x = VALUE;
            while (true) {
                x = this.yield(x);
            }
        }
    }

    /** The same loop, with the yield four calls further down. */
    static final class FiveDeep extends Generator<Object, Object, Void> {
        @Override
        protected Void body() throws Pausable {
            Object x = VALUE;
            while (true) {
                x = level2(x);
            }
        }

        private Object level2(Object x) throws Pausable {
            return level3(x);
        }

        private Object level3(Object x) throws Pausable {
            return level4(x);
        }

        private Object level4(Object x) throws Pausable {
            return level5(x);
        }

        private Object level5(Object x) throws Pausable {
            return this.yield(x);
        }
    }
}
