package weft.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import kilim.Pausable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import weft.generator.Generator;
import weft.scheduler.RoundRobin;

/**
 * One step of the seed's round-robin {@code run()} with 10,000 tasks: take the next task,
 * resume it to its next yield, put it back. Each invocation runs 10,000 tasks of 100 steps
 * each to the end, so the score is the time per step.
 *
 * <p>{@code weft}: weft's {@link RoundRobin}, the seed's loop line for line (its 'Task done'
 * lines go to a null stream). {@code virtualThreads}: 10,000 virtual threads, each calling
 * {@code Thread.yield()} 100 times, on one carrier thread (run with
 * {@code -Djdk.virtualThreadScheduler.parallelism=1}); JDK 21 or later only. Python's figure
 * for the same run comes from bench/micro/seed_steps.py.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(RoundRobinBenchmark.TASKS * (RoundRobinBenchmark.STEPS + 1))
@Warmup(iterations = 10)
@Measurement(iterations = 20)
@Fork(value = 2, jvmArgsAppend = {"-Djdk.virtualThreadScheduler.parallelism=1",
        "-Djdk.virtualThreadScheduler.maxPoolSize=1"})
public class RoundRobinBenchmark {
    static final int TASKS = 10_000;
    static final int STEPS = 100;

    private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());

    private RoundRobin roundRobin;
    private CountDownLatch gate;
    private List<Thread> threads;

    @Setup(Level.Invocation)
    public void prepare(org.openjdk.jmh.infra.BenchmarkParams params) throws Exception {
        if (params.getBenchmark().endsWith("virtualThreads")) {
            prepareVirtualThreads();
        } else {
            roundRobin = new RoundRobin(NOWHERE);
            for (int t = 0; t < TASKS; t++) {
                roundRobin.add(new Steps());
            }
        }
    }

    @Benchmark
    public void weft() {
        roundRobin.run();
    }

    @Benchmark
    public void virtualThreads() throws InterruptedException {
        gate.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
    }

    /** The seed's countdown, without the printing: {@code for i in range(100): yield}. */
    static final class Steps extends Generator<Void, Void, Void> {
        @Override
        protected Void body() throws Pausable {
            for (int i = 0; i < STEPS; i++) {
                this.yield(null);
            }
            return null;
        }
    }

    /** Started and parked at a gate, so the benchmark measures the yields, not the starts. */
    private void prepareVirtualThreads() throws Exception {
        gate = new CountDownLatch(1);
        threads = new ArrayList<>(TASKS);
        // Thread.ofVirtual() is JDK 21+; reflection keeps this jar at release 17 for the rest.
        Method ofVirtual = Thread.class.getMethod("ofVirtual");
        Object builder = ofVirtual.invoke(null);
        Method unstarted = ofVirtual.getReturnType().getMethod("unstarted", Runnable.class);
        Runnable task = () -> {
            try {
                gate.await();
            } catch (InterruptedException e) {
                return;
            }
            for (int i = 0; i < STEPS; i++) {
                Thread.yield();
            }
        };
        for (int t = 0; t < TASKS; t++) {
            Thread thread = (Thread) unstarted.invoke(builder, task);
            thread.start();
            threads.add(thread);
        }
    }
}
