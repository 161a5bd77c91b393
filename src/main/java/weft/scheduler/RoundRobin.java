package weft.scheduler;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;

import weft.generator.Generator;
import weft.generator.StopIteration;

/**
 * Part (a) of the seed: generators as tasks, a deque, and a round-robin {@code run()}. Each task
 * runs until its next yield and goes to the back of the queue; a finished task is reported and
 * dropped. Line for line the seed's {@code multitask.py}:
 *
 * <pre>
 * def run():
 *     while tasks:
 *         task = tasks.popleft()
 *         try:
 *             task.send(None)
 *             tasks.append(task)
 *         except StopIteration:
 *             print('Task done')
 * </pre>
 */
public final class RoundRobin {
    private final Deque<Generator<?, ?, ?>> tasks = new ArrayDeque<>();
    private final PrintStream out;

    public RoundRobin(PrintStream out) {
        this.out = out;
    }

    public void add(Generator<?, ?, ?> task) {
        tasks.addLast(task);
    }

    public void run() {
        while (!tasks.isEmpty()) {
            Generator<?, ?, ?> task = tasks.pollFirst();
            try {
                task.send(null);
                tasks.addLast(task);
            } catch (StopIteration done) {
                out.println("Task done");
            }
        }
    }
}
