# PEP 380's `yield from` over a generator object, one scenario per function, for YieldFromTest
# to compare with Generator.yieldFrom. Each scenario prints its trace under "## name": what the
# bodies log, and what each call on the outer generator gave ("->") or raised. Values are
# spelled as the Java side spells them: None, Boom(msg), misuse(msg) for Python's ValueError,
# TypeError and RuntimeError (IllegalStateException in weft).
# Run: python3 yield_from.py
import inspect


class Boom(Exception):
    pass


def show(v):
    return 'None' if v is None else str(v)


def describe(e):
    if isinstance(e, StopIteration):
        return f'StopIteration({show(e.value)})'
    if isinstance(e, GeneratorExit):
        return 'GeneratorExit'
    if isinstance(e, Boom):
        return f'Boom({e})'
    if isinstance(e, (ValueError, TypeError, RuntimeError)):
        return f'misuse({e})'
    return f'{type(e).__name__}({e})'


class Trace(list):
    def call(self, what, f):
        try:
            self.append(f'{what} -> {show(f())}')
        except BaseException as e:
            self.append(f'{what} raised {describe(e)}')

    def state(self, name, g):
        self.append(f'{name} {inspect.getgeneratorstate(g)}')


def waiting_sub(t):
    try:
        yield 'sub waits'
    finally:
        t.append('sub finally')


def delegating_to(name, target, t):
    try:
        yield from target[0]
    except ValueError as e:
        t.append(f'{name} caught {describe(e)}')
    yield f'{name} goes on'


def closed_while_delegating(sub, t):
    try:
        r = yield from sub
        t.append(f'outer goes on with {show(r)}')
        yield 'outer yields again'
    except GeneratorExit:
        t.append('outer got GeneratorExit')
        raise
    finally:
        t.append('outer finally')


SCENARIOS = {}


def scenario(f):
    SCENARIOS[f.__name__] = f
    return f


@scenario
def values_and_result(t):
    def sub():
        yield 'sub 1'
        yield 'sub 2'
        return 'sub result'

    def outer():
        yield 'outer before'
        r = yield from sub()
        t.append(f'outer got {show(r)}')
        yield 'outer after'
        return 'outer result'

    g = outer()
    for _ in range(5):
        t.call('next', lambda: next(g))


@scenario
def send_forwarded(t):
    def sub():
        x = yield 'sub first'
        t.append(f'sub got {show(x)}')
        y = yield 'sub second'
        t.append(f'sub got {show(y)}')
        return f'{show(x)}+{show(y)}'

    def outer():
        r = yield from sub()
        return f'outer got {r}'

    g = outer()
    t.call('next', lambda: next(g))
    t.call('send(a)', lambda: g.send('a'))
    t.call('send(None)', lambda: g.send(None))


@scenario
def throw_caught_by_sub(t):
    def sub():
        try:
            yield 'sub waits'
        except Boom as e:
            t.append(f'sub caught {describe(e)}')
            yield 'sub recovered'
        return 'sub done'

    def outer():
        r = yield from sub()
        yield f'outer got {r}'

    g = outer()
    t.call('next', lambda: next(g))
    t.call('throw(Boom(bad))', lambda: g.throw(Boom('bad')))
    t.call('next', lambda: next(g))
    t.call('next', lambda: next(g))


@scenario
def throw_not_caught_by_sub(t):
    def outer(s):
        try:
            yield from s
        except Boom as e:
            t.append(f'outer caught {describe(e)}')
            yield 'outer recovered'

    s = waiting_sub(t)
    g = outer(s)
    t.call('next', lambda: next(g))
    t.call('throw(Boom(bad))', lambda: g.throw(Boom('bad')))
    t.state('sub', s)


@scenario
def throw_sub_returns(t):
    def sub():
        try:
            yield 'sub waits'
        except Boom as e:
            return f'sub returned after {describe(e)}'
        return 'not reached'

    def outer():
        r = yield from sub()
        yield f'outer got {r}'

    g = outer()
    t.call('next', lambda: next(g))
    t.call('throw(Boom(stop))', lambda: g.throw(Boom('stop')))


@scenario
def throw_stop_iteration(t):
    def outer(s):
        try:
            yield from s
        except RuntimeError as e:
            t.append(f'outer caught {describe(e)} caused by {describe(e.__cause__)}')
        yield 'outer goes on'

    s = waiting_sub(t)
    g = outer(s)
    t.call('next', lambda: next(g))
    t.call('throw(StopIteration(x))', lambda: g.throw(StopIteration('x')))
    t.state('sub', s)


@scenario
def sub_raises(t):
    def sub():
        x = yield 'sub waits'
        raise Boom(f'sub failed on {x}')

    def outer():
        try:
            yield from sub()
        except Boom as e:
            t.append(f'outer caught {describe(e)}')
        yield 'outer goes on'

    g = outer()
    t.call('next', lambda: next(g))
    t.call('send(x)', lambda: g.send('x'))


@scenario
def close_forwarded(t):
    s = waiting_sub(t)
    g = closed_while_delegating(s, t)
    t.call('next', lambda: next(g))
    t.call('close', g.close)
    t.state('sub', s)
    t.state('outer', g)


@scenario
def throw_generator_exit(t):
    s = waiting_sub(t)
    g = closed_while_delegating(s, t)
    t.call('next', lambda: next(g))
    t.call('throw(GeneratorExit)', lambda: g.throw(GeneratorExit()))
    t.state('sub', s)
    t.state('outer', g)


@scenario
def close_sub_swallows(t):
    def sub():
        try:
            yield 'sub waits'
        except GeneratorExit:
            t.append('sub swallowed GeneratorExit')
            return 'sub returned'
        return 'not reached'

    s = sub()
    g = closed_while_delegating(s, t)
    t.call('next', lambda: next(g))
    t.call('close', g.close)
    t.state('sub', s)
    t.state('outer', g)


@scenario
def close_sub_raises(t):
    def sub():
        try:
            yield 'sub waits'
        except GeneratorExit:
            raise Boom('sub failed closing')

    def outer(s):
        try:
            yield from s
        except BaseException as e:
            t.append(f'outer got {describe(e)}')
            raise

    s = sub()
    g = outer(s)
    t.call('next', lambda: next(g))
    t.call('close', g.close)
    t.state('sub', s)
    t.state('outer', g)


@scenario
def close_sub_ignores(t):
    def sub():
        try:
            yield 'sub waits'
        except GeneratorExit:
            t.append('sub ignored GeneratorExit')
        yield 'sub yields again'

    def outer(s):
        try:
            yield from s
        except BaseException as e:
            t.append(f'outer got {describe(e)}')
            raise

    s = sub()
    g = outer(s)
    t.call('next', lambda: next(g))
    t.call('close', g.close)
    t.state('sub', s)
    t.state('outer', g)


@scenario
def exhausted(t):
    def sub():
        yield 'sub only'
        return 'sub result'

    def outer(s):
        r = yield from s
        t.append(f'outer got {show(r)}')
        yield 'outer goes on'

    s = sub()
    t.call('sub next', lambda: next(s))
    t.call('sub next', lambda: next(s))
    g = outer(s)
    t.call('next', lambda: next(g))


@scenario
def partly_consumed(t):
    def sub():
        yield 'sub 1'
        yield 'sub 2'
        return 'sub result'

    def outer(s):
        r = yield from s
        return f'outer got {r}'

    s = sub()
    t.call('sub next', lambda: next(s))
    g = outer(s)
    t.call('next', lambda: next(g))
    t.call('next', lambda: next(g))


@scenario
def sub_closed_meanwhile(t):
    def sub():
        try:
            yield 'sub 1'
            yield 'sub 2'
        finally:
            t.append('sub finally')
        return 'sub result'

    def outer(s):
        r = yield from s
        t.append(f'outer got {show(r)}')
        yield 'outer goes on'

    s = sub()
    g = outer(s)
    t.call('next', lambda: next(g))
    t.call('sub close', s.close)
    t.call('next', lambda: next(g))


@scenario
def from_itself(t):
    me = []
    g = delegating_to('outer', me, t)
    me.append(g)
    t.call('next', lambda: next(g))
    t.state('outer', g)


@scenario
def from_the_caller(t):
    def outer(i):
        yield f'outer got {next(i)}'

    caller = []
    g = outer(delegating_to('inner', caller, t))
    caller.append(g)
    t.call('next', lambda: next(g))


@scenario
def chain(t):
    def leaf():
        try:
            x = yield 'leaf 1'
            t.append(f'leaf got {x}')
            yield 'leaf 2'
        finally:
            t.append('leaf finally')

    def middle():
        try:
            yield from leaf()
        finally:
            t.append('middle finally')

    def top():
        try:
            yield from middle()
        finally:
            t.append('top finally')

    g = top()
    t.call('next', lambda: next(g))
    t.call('send(v)', lambda: g.send('v'))
    t.call('close', g.close)
    t.state('top', g)


if __name__ == '__main__':
    for name, run in SCENARIOS.items():
        print(f'## {name}')
        trace = Trace()
        run(trace)
        for line in trace:
            print(line)
