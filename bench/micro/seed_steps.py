"""CPython timings for bench/BENCHMARKS.md, beside weft's JMH figures (bench/jmh).

  send_depth1  g.send(x) on `while True: x = yield x`           (GeneratorSendBenchmark.sendDepth1)
  send_depth5  the same yield four `yield from` levels down       (GeneratorSendBenchmark.sendDepth5)
  run_step     one step of the seed's run() with 10,000 tasks of
               100 yields each: popleft, send(None), append        (RoundRobinBenchmark.weft)

Each figure is the median of REPEATS timed runs, in nanoseconds per operation.
Usage: python3 seed_steps.py [REPEATS]
"""
import statistics
import sys
import time
from collections import deque

REPEATS = int(sys.argv[1]) if len(sys.argv) > 1 else 7
SENDS = 2_000_000
TASKS, STEPS = 10_000, 100


def endless():
    x = None
    while True:
        x = yield x


def level5():
    x = None
    while True:
        x = yield x


def level4():
    return (yield from level5())


def level3():
    return (yield from level4())


def level2():
    return (yield from level3())


def five_deep():
    return (yield from level2())


def time_sends(make):
    g = make()
    g.send(None)
    send = g.send
    start = time.perf_counter_ns()
    for _ in range(SENDS):
        send(1)
    return (time.perf_counter_ns() - start) / SENDS


# The seed's multitask.py run(), as it is (minus the print, as in the Java benchmark).
tasks = deque()


def run():
    while tasks:
        task = tasks.popleft()
        try:
            task.send(None)
            tasks.append(task)
        except StopIteration:
            pass


def steps(n):
    for _ in range(n):
        yield


def time_run_step():
    tasks.clear()
    for _ in range(TASKS):
        tasks.append(steps(STEPS))
    start = time.perf_counter_ns()
    run()
    return (time.perf_counter_ns() - start) / (TASKS * (STEPS + 1))


def median(measure):
    return statistics.median(measure() for _ in range(REPEATS))


if __name__ == "__main__":
    print(f"python {sys.version.split()[0]}")
    print(f"send_depth1 {median(lambda: time_sends(endless)):.1f} ns")
    print(f"send_depth5 {median(lambda: time_sends(five_deep)):.1f} ns")
    print(f"run_step {median(time_run_step):.1f} ns")
