package weft.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import weft.generator.Generator.State;

/**
 * send/next, the value of a paused yield, the return value as StopIteration, and exceptions
 * coming out of the body. Python 3.11 results quoted in comments were produced by running the
 * equivalent Python generator.
 */
@Timeout(10)
class SendAndReturnTest {

    /** Yields 1 then null; returns the pair of values sent to those two yields. */
    private static Generator<Integer, String, String> pair() {
        return new Generator<>(self -> {
            String a = self.yield(1);
            String b = self.yield(null);
            return a + "+" + b;
        });
    }

    @Test
    void firstNextStartsTheBodyAndReturnsTheFirstYieldedValue() {
        List<String> log = new ArrayList<>();
        Generator<String, Void, Void> g = new Generator<>(self -> {
            log.add("started");
            self.yield("first");
            return null;
        });
        assertThat(log).isEmpty();
        assertThat(g.state()).isEqualTo(State.CREATED);
        assertThat(g.next()).isEqualTo("first");
        assertThat(log).containsExactly("started");
        assertThat(g.state()).isEqualTo(State.SUSPENDED);
    }

    @Test
    void sendNullStartsTheBodyLikeNext() {
        Generator<Integer, String, String> g = pair();
        assertThat(g.send(null)).isEqualTo(1);
    }

    @Test
    void sentValueIsTheValueOfThePausedYieldAndSendReturnsTheNextYieldedValueEvenNull() {
        // Python 3.11: next(g) -> 1; g.send('x') -> None; g.send('y') -> StopIteration(('x', 'y'))
        Generator<Integer, String, String> g = pair();
        assertThat(g.next()).isEqualTo(1);
        assertThat(g.send("x")).isNull();
        assertThat(g.state()).as("a null yield is not the end").isEqualTo(State.SUSPENDED);
        assertThatThrownBy(() -> g.send("y"))
                .isInstanceOfSatisfying(StopIteration.class, s -> assertThat(s.value()).isEqualTo("x+y"));
    }

    @Test
    void nextSendsNullToThePausedYield() {
        Generator<Integer, String, String> g = pair();
        g.next();
        g.next();
        assertThatThrownBy(g::next)
                .isInstanceOfSatisfying(StopIteration.class, s -> assertThat(s.value()).isEqualTo("null+null"));
    }

    @Test
    void returnValueEndsTheGeneratorAsStopIterationCarryingIt() {
        Generator<Integer, String, String> g = pair();
        g.next();
        g.send("a");
        assertThatThrownBy(() -> g.send("b"))
                .isExactlyInstanceOf(StopIteration.class)
                .hasMessage("returned a+b")
                .isInstanceOfSatisfying(StopIteration.class, s -> assertThat(s.value()).isEqualTo("a+b"));
        assertThat(g.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void bodyThatReturnsBeforeYieldingEndsOnFirstNext() {
        // Python 3.11: def r(): return 9; yield  ->  next(r()) raises StopIteration(9)
        List<String> log = new ArrayList<>();
        Generator<String, Void, Integer> g = new Generator<>(self -> {
            log.add("ran");
            return 9;
        });
        assertThatThrownBy(g::next)
                .isInstanceOfSatisfying(StopIteration.class, s -> assertThat(s.value()).isEqualTo(9));
        assertThat(log).containsExactly("ran");
        assertThat(g.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void bodyReturningNullGivesStopIterationWithNullValue() {
        Generator<String, Void, Void> g = new Generator<>(self -> {
            self.yield("only");
            return null;
        });
        g.next();
        assertThatThrownBy(g::next)
                .isInstanceOfSatisfying(StopIteration.class, s -> assertThat(s.value()).isNull())
                .hasMessage(null);
    }

    @Test
    void everySendAfterTheEndRaisesStopIterationWithNullValue() {
        // Python 3.11: after the generator returned, g.send(None) and g.send(3) both raise StopIteration() (value None)
        Generator<Integer, String, String> g = pair();
        g.next();
        g.send("a");
        assertThatThrownBy(() -> g.send("b"))
                .isInstanceOfSatisfying(StopIteration.class, s -> assertThat(s.value()).isEqualTo("a+b"));
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(g::next)
                    .isInstanceOfSatisfying(StopIteration.class, s -> assertThat(s.value()).isNull());
            assertThatThrownBy(() -> g.send("non-null"))
                    .isInstanceOfSatisfying(StopIteration.class, s -> assertThat(s.value()).isNull());
        }
        assertThat(g.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void stateIsRunningOnlyWhileTheBodyRuns() {
        // Python 3.11: inspect.getgeneratorstate(g) inside the body -> 'GEN_RUNNING'
        List<State> seen = new ArrayList<>();
        Generator<String, Void, Void> g = new Generator<>(self -> {
            seen.add(self.state());
            self.yield("a");
            seen.add(self.state());
            return null;
        });
        assertThat(g.state()).isEqualTo(State.CREATED);
        g.next();
        assertThat(g.state()).isEqualTo(State.SUSPENDED);
        assertThatThrownBy(g::next).isInstanceOf(StopIteration.class);
        assertThat(g.state()).isEqualTo(State.CLOSED);
        assertThat(seen).containsExactly(State.RUNNING, State.RUNNING);
    }

    @Test
    void runtimeExceptionFromTheBodyComesOutOfSendUnchangedAndClosesTheGenerator() {
        // Python 3.11: body raising KeyError('boom') -> next(g) raises KeyError('boom'); state GEN_CLOSED; next(g) -> StopIteration()
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        Generator<String, String, Void> g = new Generator<>(self -> {
            self.yield("before");
            throw boom;
        });
        g.next();
        assertThatThrownBy(() -> g.send("x")).isSameAs(boom);
        assertThat(g.state()).isEqualTo(State.CLOSED);
        assertThatThrownBy(g::next)
                .isInstanceOfSatisfying(StopIteration.class, s -> assertThat(s.value()).isNull());
    }

    @Test
    void exceptionBeforeTheFirstYieldComesOutOfTheFirstNext() {
        IllegalStateException early = new IllegalStateException("early");
        Generator<String, Void, Void> g = new Generator<>(self -> {
            throw early;
        });
        assertThatThrownBy(g::next).isSameAs(early);
        assertThat(g.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void checkedExceptionFromTheBodyComesOutOfSendUnchanged() {
        // Java differs by necessity: a body declares only `throws Pausable`, so to throw a checked
        // exception it must go around javac (here a sneaky throw; in practice a library doing the
        // same). send rethrows it unchanged, undeclared, as Python would.
        IOException disk = new IOException("disk full");
        Generator<String, Void, Void> g = new Generator<>(self -> {
            self.yield("writing");
            throw SendAndReturnTest.<RuntimeException>sneaky(disk);
        });
        g.next();
        assertThatThrownBy(g::next).isSameAs(disk);
        assertThat(g.state()).isEqualTo(State.CLOSED);
    }

    /** An Error is not an Exception: Kilim's Continuation alone would not catch it. */
    static final class Fatal extends Error {
        private static final long serialVersionUID = 1L;

        Fatal(String message) {
            super(message);
        }
    }

    @Test
    void errorFromAResumedBodyComesOutUnchangedAndTheGeneratorStaysFinished() {
        Fatal fatal = new Fatal("fatal");
        List<String> log = new ArrayList<>();
        Generator<String, Void, Void> g = new Generator<>(self -> {
            log.add("start");
            self.yield("a");
            log.add("resumed");
            throw fatal;
        });
        g.next();
        assertThatThrownBy(g::next).isSameAs(fatal);
        assertThat(g.state()).isEqualTo(State.CLOSED);
        // It stays finished: the body does not silently restart from the top.
        assertThatThrownBy(g::next).isInstanceOf(StopIteration.class);
        assertThat(log).containsExactly("start", "resumed");
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
