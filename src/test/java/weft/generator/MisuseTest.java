package weft.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import weft.generator.Generator.State;

/**
 * Misuse is rejected with IllegalStateException where Python raises TypeError, ValueError or
 * RuntimeError (Java has no such distinction to borrow). Python 3.11 results quoted in comments.
 */
@Timeout(10)
class MisuseTest {

    @Test
    void sendingNonNullToAJustStartedGeneratorIsRejectedAndLeavesItUnstarted() {
        // Python 3.11: g.send(5) on a new generator raises TypeError("can't send non-None value
        // to a just-started generator"); state stays GEN_CREATED and next(g) still starts it.
        List<String> log = new ArrayList<>();
        Generator<String, Integer, Void> g = new Generator<>(self -> {
            log.add("started");
            self.yield("first");
            return null;
        });
        assertThatThrownBy(() -> g.send(5))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("can't send non-null value to a just-started generator");
        assertThat(log).isEmpty();
        assertThat(g.state()).isEqualTo(State.CREATED);
        assertThat(g.next()).isEqualTo("first");
        assertThat(log).containsExactly("started");
    }

    /** A generator whose body calls {@code reenter} on itself, and yields what that threw. */
    private static Generator<Object, Void, Void> reentering(Consumer<Generator<Object, Void, Void>> reenter) {
        return new Generator<>(self -> {
            try {
                reenter.accept(self);
            } catch (IllegalStateException e) {
                self.yield(e.getMessage());
                self.yield(self.state());
                return null;
            }
            self.yield("re-entry was allowed");
            return null;
        });
    }

    @Test
    void nextFromInsideItsOwnBodyIsRejectedAsAlreadyExecuting() {
        // Python 3.11: next(g) inside g raises ValueError('generator already executing'); the body can
        // catch it and goes on, still GEN_RUNNING.
        Generator<Object, Void, Void> g = reentering(Generator::next);
        assertThat(g.next()).isEqualTo("generator already executing");
        assertThat(g.next()).isEqualTo(State.RUNNING);
    }

    @Test
    void sendFromInsideItsOwnBodyIsRejectedAsAlreadyExecuting() {
        Generator<Object, Void, Void> g = reentering(self -> self.send(null));
        assertThat(g.next()).isEqualTo("generator already executing");
        assertThat(g.next()).isEqualTo(State.RUNNING);
    }

    @Test
    void throwInFromInsideItsOwnBodyIsRejectedAsAlreadyExecuting() {
        // Python 3.11: g.throw(KeyError()) inside g raises ValueError('generator already executing')
        Generator<Object, Void, Void> g = reentering(self -> self.throwIn(new IllegalArgumentException()));
        assertThat(g.next()).isEqualTo("generator already executing");
        assertThat(g.next()).isEqualTo(State.RUNNING);
    }

    @Test
    void closeFromInsideItsOwnBodyIsRejectedAsAlreadyExecuting() {
        // Python 3.11: g.close() inside g raises ValueError('generator already executing')
        Generator<Object, Void, Void> g = reentering(Generator::close);
        assertThat(g.next()).isEqualTo("generator already executing");
        assertThat(g.next()).isEqualTo(State.RUNNING);
    }

    @Test
    void iteratingItselfFromInsideItsOwnBodyIsRejectedAsAlreadyExecuting() {
        Generator<Object, Void, Void> g = reentering(self -> self.iterator().hasNext());
        assertThat(g.next()).isEqualTo("generator already executing");
    }

    @Test
    void uncaughtReentryErrorEndsTheGenerator() {
        // Python 3.11: uncaught, the ValueError comes out of next(g) and the generator is GEN_CLOSED
        Generator<String, Void, Void> g = new Generator<>(self -> {
            self.yield("a");
            self.next();
            return null;
        });
        g.next();
        assertThatThrownBy(g::next)
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("generator already executing");
        assertThat(g.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void stopIterationEscapingTheBodyBecomesIllegalStateException() {
        // Python 3.11 (PEP 479): raise StopIteration(5) in the body -> RuntimeError('generator raised
        // StopIteration') whose __cause__ is the StopIteration; GEN_CLOSED
        StopIteration stop = new StopIteration(5);
        Generator<String, Void, Void> g = new Generator<>(self -> {
            self.yield("a");
            throw stop;
        });
        g.next();
        assertThatThrownBy(g::next)
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("generator raised StopIteration")
                .hasCause(stop);
        assertThat(g.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void stopIterationLeakingFromAnExhaustedInnerGeneratorDoesNotLookLikeAReturn() {
        // Python 3.11: def leak(inner): while True: yield next(inner)  ->  with an empty inner,
        // next(leak(...)) raises RuntimeError('generator raised StopIteration'): PEP 479's motivating bug.
        Generator<String, Void, String> inner = new Generator<>(self -> "inner's value");
        Generator<String, Void, String> leak = new Generator<>(self -> {
            while (true) {
                self.yield(inner.next());
            }
        });
        assertThatThrownBy(leak::next)
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("generator raised StopIteration")
                .cause().isInstanceOfSatisfying(StopIteration.class,
                        s -> assertThat(s.value()).isEqualTo("inner's value"));
    }

    @Test
    void yieldOnAGeneratorThatIsNotRunningIsRejected() {
        // No Python equivalent (yield is syntax there): yield is a method here, so a body could
        // call it on the wrong generator.
        Generator<String, Void, Void> idle = new Generator<>(self -> {
            self.yield("idle");
            return null;
        });
        Generator<String, Void, Void> g = new Generator<>(self -> {
            idle.yield("smuggled");
            return null;
        });
        assertThatThrownBy(g::next)
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("yield called outside this generator's running body");
        assertThat(g.state()).isEqualTo(State.CLOSED);

        idle.next(); // now suspended, still not running
        Generator<String, Void, Void> h = new Generator<>(self -> {
            idle.yield("smuggled");
            return null;
        });
        assertThatThrownBy(h::next).hasMessage("yield called outside this generator's running body");
        assertThat(idle.state()).isEqualTo(State.SUSPENDED);
    }

    @Test
    void yieldOnAnOuterRunningGeneratorFromAnInnerBodyIsAnErrorNotALostValue() {
        // Python cannot express this (yield is syntax). Kilim suspends the body that is running,
        // whatever generator's yield it called; weft notices and ends that body loudly.
        AtomicReference<Generator<String, String, String>> outerRef = new AtomicReference<>();
        Generator<String, String, String> inner = new Generator<>(self -> {
            outerRef.get().yield("smuggled"); // the wrong generator: should be self.yield
            return "inner done";
        });
        Generator<String, String, String> outer = new Generator<>(self -> "outer saw " + inner.next());
        outerRef.set(outer);
        assertThatThrownBy(outer::next)
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("the body suspended without yielding to this generator (another generator's yield?)");
        assertThat(inner.state()).isEqualTo(Generator.State.CLOSED);
        assertThat(outer.state()).isEqualTo(Generator.State.CLOSED);
    }

    @Test
    void subclassWithoutABodyFailsWhenStarted() {
        Generator<String, Void, Void> g = new Generator<>() { };
        assertThatThrownBy(g::next)
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessageEndingWith(" has no body: override body() or pass a Body");
        assertThat(g.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void nullBodyIsRejectedAtConstruction() {
        assertThatThrownBy(() -> new Generator<String, Void, Void>(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("body");
    }
}
