package weft.generator;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

import kilim.Continuation;
import kilim.Fiber;
import kilim.Pausable;

/**
 * A Python generator in Java: a body that really stops in the middle, at each {@link #yield},
 * and later resumes there with its locals intact, driven by {@link #send}, {@link #throwIn}
 * and {@link #close} exactly as Python drives a generator.
 *
 * <p>The body is a method that declares {@code throws Pausable}: override {@link #body()}, or
 * pass a {@link Body} lambda. Kilim weaves it at build time, so suspending unwinds the Java
 * stack into a small state object and resuming rewinds it: no thread is parked anywhere.
 * Pausable methods the body calls suspend through it, like Python's {@code yield from}.
 *
 * <pre>
 * Python                              weft
 * g = countdown(3)                    var g = new Countdown(3);
 * next(g) / g.send(None)              g.next() / g.send(null)
 * v = yield x   (in the body)         S v = this.yield(x);
 * return r      (in the body)         return r;   caller sees StopIteration carrying r
 * r = yield from sub  (in the body)   T r = this.yieldFrom(sub);   sub: a Generator
 * r = yield from helper()             r = helper();   helper: a Pausable method
 * g.throw(e)                          g.throwIn(e)
 * g.close()                           g.close()   GeneratorExit raised in the body
 * ValueError, TypeError, RuntimeError IllegalStateException (misuse; PEP 342, PEP 479)
 * </pre>
 *
 * <p>Exceptions thrown by the body come out of {@code send}, {@code throwIn} or {@code close}
 * unchanged, checked ones included, as in Python. A generator is not thread-safe: drive it from
 * one thread at a time.
 *
 * @param <Y> what the body yields
 * @param <S> what {@code send} passes in (the value of the paused {@code yield})
 * @param <R> what the body returns
 */
public class Generator<Y, S, R> implements Iterable<Y> {

    /** Python's {@code inspect.getgeneratorstate}: GEN_CREATED, GEN_RUNNING, ... */
    public enum State { CREATED, RUNNING, SUSPENDED, CLOSED }

    // The body on Kilim's fiber, with the Body lambda the generator was made with, if any.
    private final Frame frame;
    // The State, by its ordinal: a byte fits where the object header leaves room, a reference
    // would make every task 8 bytes bigger.
    private static final byte CREATED = 0, RUNNING = 1, SUSPENDED = 2, CLOSED = 3;
    private static final State[] STATES = State.values();
    private byte state = CREATED;

    // What crosses the suspension point, one thing at a time: a value sent in or an error raised
    // in, taken by the yield as the body resumes; then a value yielded or returned, or what the
    // body threw, taken by resume. One slot and its kind, not a field each: this object is most
    // of what an idle task costs. Cleared once taken, so a suspended generator keeps nothing
    // alive that its body no longer refers to.
    private static final byte SENT = 0, RAISED = 1, YIELDED = 2, RETURNED = 3, FAILED = 4;
    private Object crossing;
    private byte crossingKind;

    /** For subclasses that override {@link #body()}. */
    protected Generator() {
        Woven.require(getClass());
        this.frame = new Frame(null);
    }

    public Generator(Body<Y, S, R> body) {
        this.frame = new Frame(Objects.requireNonNull(body, "body"));
        Woven.require(getClass());
        Woven.require(body.getClass());
    }

    /** The generator's code. Runs on the first {@code send(null)} or {@code next()}. */
    protected R body() throws Pausable {
        if (frame.lambdaBody == null) {
            throw new IllegalStateException(getClass().getName() + " has no body: override body() or pass a Body");
        }
        return frame.lambdaBody.run(this);
    }

    /**
     * Suspends the body, handing {@code value} to whoever called {@code send}; returns what the
     * next {@code send} passes in, or throws what {@code throwIn} or {@code close} raise.
     * Java 14+ reserves the bare word: call it as {@code this.yield(v)} or {@code g.yield(v)}.
     */
    public final S yield(Y value) throws Pausable {
        if (state != RUNNING) {
            throw new IllegalStateException("yield called outside this generator's running body");
        }
        if (answersAtOnce(value)) {
            return null; // as if suspended and sent null at once, without unwinding the body's frames
        }
        crossing = value;
        crossingKind = YIELDED;
        Fiber.yield(); // the body suspends here, and resumes here on the next send/throwIn/close
        Object in = crossing;
        crossing = null;
        if (crossingKind == RAISED) {
            throw Generator.<RuntimeException>rethrow((Throwable) in);
        }
        @SuppressWarnings("unchecked") // what send passed in
        S received = (S) in;
        return received;
    }

    /**
     * Called by {@link #yield} with the value it is about to hand out: a subclass whose driver
     * would answer it with null and let the body go on at once may say so by returning true, and
     * the yield then returns null without suspending, so the body's frames are not unwound and
     * rebuilt for nothing. {@code Task} does, for a recv or send the scheduler can answer at
     * once. Returns false here: every yield suspends.
     */
    protected boolean answersAtOnce(Y value) {
        return false;
    }

    /**
     * Resumes the body, making the paused {@code yield} return {@code value}, and returns the
     * next value it yields. Throws {@link StopIteration} with the return value when the body
     * returns, and again (carrying null, as in Python) on every later call.
     */
    public final Y send(S value) {
        // An if, not a switch over the enum, on this hot path: JMH sendDepth1 went from 32.7 to
        // 25.7 ns/op (bench/run-micro, JDK 17).
        if (state != SUSPENDED) {
            refuseSend(value);
        }
        crossing = value;
        crossingKind = SENT;
        return resume();
    }

    /** Throws unless a send may start this generator. */
    private void refuseSend(S value) {
        switch (state) {
            case RUNNING -> throw alreadyExecuting();
            case CLOSED -> throw new StopIteration(null);
            case CREATED -> {
                if (value != null) {
                    throw new IllegalStateException("can't send non-null value to a just-started generator");
                }
            }
            case SUSPENDED -> { }
        }
    }

    /** {@code send(null)}: Python's {@code next(g)}. */
    public final Y next() {
        return send(null);
    }

    /**
     * Raises {@code error} inside the body at its suspension point. If the body catches it and
     * yields again, returns that value; otherwise the error (or whatever the body throws instead)
     * comes out of this call. On a generator not yet started, or finished, it is thrown here
     * and the generator is closed, as in Python.
     */
    public final Y throwIn(Throwable error) {
        Objects.requireNonNull(error, "error");
        switch (state) {
            case RUNNING -> throw alreadyExecuting();
            case CREATED -> {
                state = CLOSED;
                if (error instanceof StopIteration) {
                    // Python raises it in the (new) frame, so PEP 479 applies here too.
                    throw new IllegalStateException("generator raised StopIteration", error);
                }
                throw Generator.<RuntimeException>rethrow(error);
            }
            case CLOSED -> throw Generator.<RuntimeException>rethrow(error);
            case SUSPENDED -> { }
        }
        crossing = error;
        crossingKind = RAISED;
        return resume();
    }

    /**
     * Raises {@link GeneratorExit} at the suspension point so the body's {@code finally} blocks
     * run. A no-op on a generator that has not started or has finished. A body that yields
     * again instead of finishing is an error, and stays suspended, as in Python.
     */
    public final void close() {
        switch (state) {
            case RUNNING -> throw alreadyExecuting();
            case CREATED, CLOSED -> {
                state = CLOSED;
                return;
            }
            case SUSPENDED -> { }
        }
        crossing = new GeneratorExit();
        crossingKind = RAISED;
        try {
            resume();
        } catch (GeneratorExit | StopIteration finished) {
            return;
        }
        throw new IllegalStateException("generator ignored GeneratorExit");
    }

    /**
     * Where the body is suspended: its Pausable frames, innermost first, each at the line of the
     * call it waits in (the {@code yield}, or the Pausable call it is inside), like a thread's
     * stack trace, which the JVM cannot give for a suspended generator (curio's {@code where},
     * Python's {@code gi_frame}). Empty unless {@link State#SUSPENDED}. It reads tables the
     * weaving step wrote, only when called; frames of code woven without them end the list with
     * an unknown line.
     */
    public final List<StackTraceElement> suspendedStack() {
        return state == SUSPENDED ? SuspendedStack.of(frame) : List.of();
    }

    public final State state() {
        return STATES[state];
    }

    /** Iterates the yielded values, like Python's {@code for x in g}; sends null each time. */
    @Override
    public final Iterator<Y> iterator() {
        return new Iterator<>() {
            private boolean fetched;
            private Y nextValue;

            @Override
            public boolean hasNext() {
                if (!fetched && state != CLOSED) {
                    try {
                        nextValue = Generator.this.next();
                        fetched = true;
                    } catch (StopIteration end) {
                        return false;
                    }
                }
                return fetched;
            }

            @Override
            public Y next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                fetched = false;
                Y value = nextValue;
                nextValue = null;
                return value;
            }
        };
    }

    private Y resume() {
        state = RUNNING;
        boolean finished = true;
        try {
            finished = frame.run(); // resumes the body where it last suspended
        } finally {
            state = finished ? CLOSED : SUSPENDED;
        }
        Object out = crossing;
        crossing = null;
        if (!finished) {
            if (crossingKind != YIELDED) {
                // Kilim suspends whichever body is running, whatever generator's yield it called:
                // an outer generator's (g.yield in a nested lambda, say), or Fiber.yield() itself.
                // Its value went elsewhere, so this body cannot go on: end it, loudly.
                state = CLOSED;
                throw new IllegalStateException(
                        "the body suspended without yielding to this generator (another generator's yield?)");
            }
            @SuppressWarnings("unchecked") // what the body's yield was given
            Y value = (Y) out;
            return value;
        }
        Throwable error = crossingKind == FAILED ? (Throwable) out : frame.ex();
        if (error instanceof StopIteration) {
            throw new IllegalStateException("generator raised StopIteration", error); // PEP 479
        }
        if (error != null) {
            throw Generator.<RuntimeException>rethrow(error);
        }
        @SuppressWarnings("unchecked") // what the body returned
        R value = crossingKind == RETURNED ? (R) out : null;
        throw new StopIteration(value);
    }

    /**
     * Python's {@code r = yield from sub} (PEP 380) over a generator object: runs {@code sub}
     * to its end as if its body were inlined here, and returns what it returned. Each value
     * {@code sub} yields is yielded by this body; {@code send(v)} goes on to {@code sub.send(v)}
     * ({@code send(null)}, Python's {@code next}, to {@code sub.next()}); an exception passed to
     * {@code throwIn} goes to {@code sub.throwIn}. {@code close} (or {@code throwIn} of a
     * {@link GeneratorExit}) first closes {@code sub}, then raises {@code GeneratorExit} here,
     * even if {@code sub} caught its own and returned; what {@code sub.close()} throws instead
     * comes out of this call. So does anything else {@code sub} throws. A {@code sub} that has
     * already finished gives null at once (Python: {@code StopIteration} with value None); one
     * part-way through goes on from where it is; one that is running (this generator, or one
     * driving it) fails with "generator already executing".
     *
     * <p>A Pausable method the body calls, {@code r = helper()}, is Python's
     * {@code r = yield from helper()} without a generator object in between: its yields, sends,
     * exceptions and return value pass exactly as here, but a {@code close} raises
     * {@code GeneratorExit} only once, at the innermost yield. A callee that catches it and
     * returns has handled it like any other exception, and its caller goes on (and must then
     * return or throw, not yield again); a {@code sub} that does the same here does not stop
     * this body from closing.
     *
     * @param <T> what {@code sub} returns, and so what this call returns
     * @throws IllegalStateException if this generator's body is not the one running
     */
    public final <T> T yieldFrom(Generator<? extends Y, ? super S, T> sub) throws Pausable {
        Objects.requireNonNull(sub, "sub");
        if (state != RUNNING) {
            throw new IllegalStateException("yieldFrom called outside this generator's running body");
        }
        try {
            Y value = sub.next();
            while (true) {
                S received;
                try {
                    received = this.yield(value);
                } catch (GeneratorExit exit) {
                    sub.close(); // if sub fails to close, that failure goes up instead
                    throw exit;  // even if sub caught its own GeneratorExit and returned
                } catch (Throwable thrownIn) {
                    value = sub.throwIn(thrownIn);
                    continue;
                }
                value = sub.send(received);
            }
        } catch (StopIteration end) {
            @SuppressWarnings("unchecked") // what sub's body returned, or null when it had finished
            T result = (T) end.value();
            return result;
        }
    }

    private static IllegalStateException alreadyExecuting() {
        return new IllegalStateException("generator already executing");
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T rethrow(Throwable error) throws T {
        throw (T) error;
    }

    /**
     * The body on Kilim's fiber: the outermost frame, which calls {@link #body()}. It catches
     * every Throwable itself because {@code Continuation.run()} catches only Exception, and an
     * Error escaping a resumed fiber leaves it inconsistent (a later run silently restarts from
     * the top).
     *
     * <p>Its {@code execute(Fiber)}, the method Kilim's weaver makes of a Pausable
     * {@code execute()}, is written by hand (the weaver leaves it be, as it does Kilim's own
     * {@code Task.yield(Fiber)}), because a woven one would save a state of its own whenever the
     * body suspends: 24 bytes more in every suspended generator, to remember the one call this
     * frame makes. Resuming makes that call again, as starting does, and the body's frames
     * rewind from their own states. Javac cannot name the woven {@code body(Fiber)}: it is
     * called through {@link Woven#BODY}.
     */
    private final class Frame extends Continuation {
        // The Body the generator was made with, null if it overrides body(): here, where the
        // frame has room for it, as in the generator it would make every task 8 bytes bigger.
        final Body<Y, S, R> lambdaBody;

        Frame(Body<Y, S, R> lambdaBody) {
            KilimFields.startSmall(this);
            this.lambdaBody = lambdaBody;
        }

        @Override
        public void execute(Fiber fiber) {
            try {
                Object value = (Object) Woven.BODY.invokeExact((Generator<?, ?, ?>) Generator.this, fiber.down());
                if (fiber.up() >= Fiber.PAUSING__NO_STATE) {
                    return; // the body suspended: its frames have saved their states, this one saves none
                }
                crossing = value;
                crossingKind = RETURNED;
            } catch (Throwable error) {
                fiber.upEx(); // back to this frame's depth, from the one the body threw at
                crossing = error;
                crossingKind = FAILED;
            }
        }
    }
}
