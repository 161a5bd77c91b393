package weft.bench;

import java.util.List;
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
 * What the monitor's {@code where} costs: {@code suspendedStack()} of a generator suspended
 * three Pausable calls deep, once its classes' resume-point tables are loaded (the first call
 * per class reads a small resource file). Nothing of it runs unless someone asks.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SuspendedStackBenchmark {
    private Generator<String, Object, Void> deep;

    @Setup
    public void start() {
        deep = new ThreeDeep();
        deep.next();
    }

    @Benchmark
    public List<StackTraceElement> whereThreeDeep() {
        return deep.suspendedStack();
    }

    /** Suspended in inner(), called from middle() (static), called from outer(), called from body(). */
    static final class ThreeDeep extends Generator<String, Object, Void> {
        @Override
        protected Void body() throws Pausable {
            outer();
            return null;
        }

        private void outer() throws Pausable {
            middle(this);
        }

        private static void middle(ThreeDeep self) throws Pausable {
            self.inner();
        }

        private void inner() throws Pausable {
            while (true) {
                this.yield("here");
            }
        }
    }
}
