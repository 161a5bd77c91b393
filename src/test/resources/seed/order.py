# A second scenario for the seed's round-robin run(), to compare weft's order of execution
# with Python's: tasks of different lengths, one that ends before its first yield, and one
# that returns a value. RoundRobinTest runs it with python3 and compares the lines.
from collections import deque

tasks = deque()

def run():
    while tasks:
        task = tasks.popleft()
        try:
            task.send(None)
            tasks.append(task)
        except StopIteration:
            print('Task done')

def countdown(n):
    while n > 0:
        print('T-minus', n)
        yield
        n -= 1

def quick():
    print('quick runs')
    return
    yield

def twice():
    print('twice 1')
    yield
    print('twice 2')
    yield
    return 'value'

def countup(n):
    x = 0
    while x < n:
        print('Up we go', x)
        yield
        x += 1

tasks.append(countdown(3))
tasks.append(quick())
tasks.append(twice())
tasks.append(countup(2))
run()
