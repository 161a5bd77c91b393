package weft.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import weft.generator.Generator.State;

/** throwIn(e): Python's g.throw(e). Python 3.11 results quoted in comments. */
@Timeout(10)
class ThrowInTest {

    /** Yields the number of IllegalArgumentExceptions thrown in so far, until a value is sent; returns it. */
    private static Generator<Integer, String, String> retrying(List<String> log) {
        return new Generator<>(self -> {
            int attempts = 0;
            while (true) {
                try {
                    String v = self.yield(attempts);
                    log.add("got " + v);
                    return v;
                } catch (IllegalArgumentException e) {
                    log.add("caught " + e.getMessage());
                    attempts++;
                }
            }
        });
    }

    @Test
    void thrownInExceptionIsRaisedAtTheYieldAndThrowInReturnsTheNextYieldedValue() {
        // Python 3.11: retry loop: g.throw(ValueError()) -> 1; again -> 2; g.send('ok') -> StopIteration('ok')
        List<String> log = new ArrayList<>();
        Generator<Integer, String, String> g = retrying(log);
        assertThat(g.next()).isEqualTo(0);
        assertThat(g.throwIn(new IllegalArgumentException("one"))).isEqualTo(1);
        assertThat(g.throwIn(new IllegalArgumentException("two"))).isEqualTo(2);
        assertThat(g.state()).isEqualTo(State.SUSPENDED);
        assertThat(log).containsExactly("caught one", "caught two");
        assertThatThrownBy(() -> g.send("ok"))
                .isInstanceOfSatisfying(StopIteration.class, s -> assertThat(s.value()).isEqualTo("ok"));
    }

    @Test
    void uncaughtThrownInExceptionPropagatesUnchangedRunningFinallyAndClosesTheGenerator() {
        // Python 3.11: uncaught g.throw(ValueError('v')) raises ValueError('v'); state GEN_CLOSED
        List<String> log = new ArrayList<>();
        Generator<String, Void, Void> g = new Generator<>(self -> {
            try {
                self.yield("a");
                log.add("not reached");
            } finally {
                log.add("finally");
            }
            return null;
        });
        g.next();
        UnsupportedOperationException error = new UnsupportedOperationException("v");
        assertThatThrownBy(() -> g.throwIn(error)).isSameAs(error);
        assertThat(log).containsExactly("finally");
        assertThat(g.state()).isEqualTo(State.CLOSED);
        assertThatThrownBy(g::next)
                .isInstanceOfSatisfying(StopIteration.class, s -> assertThat(s.value()).isNull());
    }

    @Test
    void bodyThatCatchesAndReturnsEndsThrowInWithStopIteration() {
        // Python 3.11: except KeyError: return 'ret'  ->  g.throw(KeyError()) raises StopIteration('ret')
        Generator<String, Void, String> g = new Generator<>(self -> {
            try {
                self.yield("a");
            } catch (IllegalArgumentException e) {
                return "ret";
            }
            return "normal";
        });
        g.next();
        assertThatThrownBy(() -> g.throwIn(new IllegalArgumentException()))
                .isInstanceOfSatisfying(StopIteration.class, s -> assertThat(s.value()).isEqualTo("ret"));
        assertThat(g.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void bodyThatThrowsSomethingElseInResponseLetsThatOut() {
        Generator<String, Void, Void> g = new Generator<>(self -> {
            try {
                self.yield("a");
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("translated " + e.getMessage(), e);
            }
            return null;
        });
        g.next();
        IllegalArgumentException original = new IllegalArgumentException("x");
        assertThatThrownBy(() -> g.throwIn(original))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("translated x")
                .hasCause(original);
    }

    @Test
    void checkedExceptionCanBeThrownInAndCaught() {
        // Java differs by necessity: javac rejects `catch (IOException e)` around a yield, which
        // declares only Pausable, so the body catches Exception (GeneratorExit, an Error, is not caught).
        Generator<String, Void, String> g = new Generator<>(self -> {
            try {
                self.yield("reading");
            } catch (Exception e) {
                self.yield("caught " + e.getClass().getSimpleName() + ": " + e.getMessage());
                return "recovered";
            }
            return "normal";
        });
        g.next();
        assertThat(g.throwIn(new IOException("eof"))).isEqualTo("caught IOException: eof");
        assertThatThrownBy(g::next)
                .isInstanceOfSatisfying(StopIteration.class, s -> assertThat(s.value()).isEqualTo("recovered"));
    }

    @Test
    void uncaughtCheckedExceptionComesOutOfThrowInUnchanged() {
        Generator<String, Void, Void> g = new Generator<>(self -> {
            self.yield("a");
            return null;
        });
        g.next();
        IOException eof = new IOException("eof");
        assertThatThrownBy(() -> g.throwIn(eof)).isSameAs(eof);
        assertThat(g.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void throwInOnAnUnstartedGeneratorRaisesDirectlyAndClosesIt() {
        // Python 3.11: g.throw(KeyError('k')) on a new generator raises KeyError('k'); GEN_CLOSED; next(g) -> StopIteration()
        List<String> log = new ArrayList<>();
        Generator<String, Void, Void> g = new Generator<>(self -> {
            try {
                log.add("body ran");
                self.yield("a");
            } catch (IllegalArgumentException e) {
                log.add("caught");
            }
            return null;
        });
        IllegalArgumentException error = new IllegalArgumentException("k");
        assertThatThrownBy(() -> g.throwIn(error)).isSameAs(error);
        assertThat(log).as("the body never runs").isEmpty();
        assertThat(g.state()).isEqualTo(State.CLOSED);
        assertThatThrownBy(g::next)
                .isInstanceOfSatisfying(StopIteration.class, s -> assertThat(s.value()).isNull());
    }

    @Test
    void throwInOnAFinishedGeneratorRaisesDirectly() {
        // Python 3.11: g.throw(KeyError('k')) on an exhausted generator raises KeyError('k'), and
        // g.throw(StopIteration(7)) raises that StopIteration(7) itself.
        Generator<String, Void, Void> g = new Generator<>(self -> null);
        assertThatThrownBy(g::next).isInstanceOf(StopIteration.class);
        IllegalArgumentException error = new IllegalArgumentException("k");
        assertThatThrownBy(() -> g.throwIn(error)).isSameAs(error);
        StopIteration stop = new StopIteration(7);
        assertThatThrownBy(() -> g.throwIn(stop)).isSameAs(stop);
        assertThat(g.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void stopIterationThrownInAndNotCaughtBecomesIllegalStateException() {
        // Python 3.11 (PEP 479): g.throw(StopIteration(7)) into a suspended generator raises
        // RuntimeError('generator raised StopIteration') from StopIteration(7); GEN_CLOSED
        Generator<String, Void, Void> g = new Generator<>(self -> {
            self.yield("a");
            return null;
        });
        g.next();
        StopIteration stop = new StopIteration(7);
        assertThatThrownBy(() -> g.throwIn(stop))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("generator raised StopIteration")
                .hasCause(stop);
        assertThat(g.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void stopIterationThrownIntoAnUnstartedGeneratorBecomesIllegalStateException() {
        // Python 3.11: g.throw(StopIteration(7)) on a new generator raises
        // RuntimeError('generator raised StopIteration') from StopIteration(7); GEN_CLOSED
        Generator<String, Void, Void> g = new Generator<>(self -> {
            self.yield("a");
            return null;
        });
        StopIteration stop = new StopIteration(7);
        assertThatThrownBy(() -> g.throwIn(stop))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("generator raised StopIteration")
                .hasCause(stop);
        assertThat(g.state()).isEqualTo(Generator.State.CLOSED);
    }

    @Test
    void throwInNullIsRejected() {
        // Python 3.11: g.throw(None) is a TypeError; here a NullPointerException naming the argument.
        Generator<String, Void, Void> g = new Generator<>(self -> {
            self.yield("a");
            return null;
        });
        g.next();
        assertThatThrownBy(() -> g.throwIn(null)).isInstanceOf(NullPointerException.class).hasMessage("error");
        assertThat(g.state()).isEqualTo(State.SUSPENDED);
    }
}
