package weft.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import weft.generator.Generator.State;
import weft.generator.fixtures.TryCatchFinallyYields;

/** close(): Python's g.close(). Python 3.11 results quoted in comments. */
@Timeout(10)
class CloseTest {

    @Test
    void closeRaisesGeneratorExitAtTheYieldSoFinallyBlocksRun() {
        // Python 3.11: try: yield 1; yield 2 finally: log  ->  g.close() returns None, runs finally, GEN_CLOSED
        List<String> log = new ArrayList<>();
        Generator<String, Void, Void> g = new Generator<>(self -> {
            try {
                try {
                    self.yield("a");
                    log.add("not reached");
                } catch (GeneratorExit e) {
                    log.add("caught " + e.getMessage());
                    throw e;
                } finally {
                    log.add("inner finally");
                }
                self.yield("b");
            } finally {
                log.add("outer finally");
            }
            return null;
        });
        g.next();
        g.close();
        assertThat(log).containsExactly("caught generator closed", "inner finally", "outer finally");
        assertThat(g.state()).isEqualTo(State.CLOSED);
        // Python 3.11: next(g) after close -> StopIteration()
        assertThatThrownBy(g::next)
                .isInstanceOfSatisfying(StopIteration.class, s -> assertThat(s.value()).isNull());
    }

    @Test
    void closeOnAnUnstartedGeneratorIsANoOpThatNeverRunsTheBody() {
        // Python 3.11: g.close() on a new generator -> None, GEN_CLOSED; next(g) -> StopIteration()
        List<String> log = new ArrayList<>();
        Generator<String, Void, Void> g = new Generator<>(self -> {
            try {
                log.add("body ran");
                self.yield("a");
            } finally {
                log.add("finally");
            }
            return null;
        });
        g.close();
        assertThat(log).isEmpty();
        assertThat(g.state()).isEqualTo(State.CLOSED);
        assertThatThrownBy(g::next)
                .isInstanceOfSatisfying(StopIteration.class, s -> assertThat(s.value()).isNull());
        assertThat(log).isEmpty();
    }

    @Test
    void closeOnAFinishedGeneratorIsANoOp() {
        List<String> log = new ArrayList<>();
        Generator<String, Void, Void> g = new Generator<>(self -> {
            try {
                self.yield("a");
            } finally {
                log.add("finally");
            }
            return null;
        });
        g.next();
        assertThatThrownBy(g::next).isInstanceOf(StopIteration.class);
        assertThatCode(g::close).doesNotThrowAnyException();
        assertThatCode(g::close).doesNotThrowAnyException();
        assertThat(log).containsExactly("finally");
        assertThat(g.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void bodyThatCatchesGeneratorExitAndReturnsEndsCloseNormally() {
        // Python 3.11: except GeneratorExit: return 'bye'  ->  g.close() returns None (3.13 would
        // return 'bye'; close() here is void, so the value is dropped as in 3.11).
        List<String> log = new ArrayList<>();
        Generator<String, Void, String> g = new Generator<>(self -> {
            try {
                self.yield("a");
            } catch (GeneratorExit e) {
                log.add("cleaning up");
                return "bye";
            }
            return "normal";
        });
        g.next();
        assertThatCode(g::close).doesNotThrowAnyException();
        assertThat(log).containsExactly("cleaning up");
        assertThat(g.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void catchingExceptionDoesNotSwallowGeneratorExit() {
        // Python 3.11: `except Exception: yield 'swallowed'` does not catch GeneratorExit (a
        // BaseException); close() returns None. GeneratorExit extends Error here for the same reason.
        Generator<String, Void, Void> g = new Generator<>(self -> {
            try {
                self.yield("a");
            } catch (Exception e) {
                self.yield("swallowed");
            }
            return null;
        });
        g.next();
        assertThatCode(g::close).doesNotThrowAnyException();
        assertThat(g.state()).isEqualTo(State.CLOSED);
        assertThat(new GeneratorExit()).isInstanceOf(Error.class).isNotInstanceOf(Exception.class);
    }

    @Test
    void yieldingAfterGeneratorExitIsAnErrorAndLeavesTheGeneratorSuspended() {
        // Python 3.11: while True: try: yield 1 except GeneratorExit: pass
        //   g.close() raises RuntimeError('generator ignored GeneratorExit'); state GEN_SUSPENDED
        List<String> log = new ArrayList<>();
        Generator<Integer, Void, Void> g = new Generator<>(self -> {
            int n = 0;
            while (true) {
                try {
                    self.yield(n++);
                } catch (GeneratorExit e) {
                    log.add("ignored");
                }
            }
        });
        g.next();
        assertThatThrownBy(g::close)
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("generator ignored GeneratorExit");
        assertThat(log).containsExactly("ignored");
        assertThat(g.state()).isEqualTo(State.SUSPENDED);
        // Still a working generator, at its next yield (the value yielded during close is dropped).
        assertThat(g.next()).isEqualTo(2);
    }

    @Test
    void yieldInsideFinallyDuringCloseIsAnErrorAndASecondCloseFinishes() {
        // Python 3.11 (same body as TryCatchFinallyYields): close() at the try yield raises
        // RuntimeError('generator ignored GeneratorExit'), GEN_SUSPENDED; close() again -> None, GEN_CLOSED
        List<String> log = new ArrayList<>();
        TryCatchFinallyYields g = new TryCatchFinallyYields(log);
        g.next();
        assertThatThrownBy(g::close)
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("generator ignored GeneratorExit");
        assertThat(log).containsExactly("try", "finally");
        assertThat(g.state()).isEqualTo(State.SUSPENDED);

        g.close();
        assertThat(log).containsExactly("try", "finally");
        assertThat(g.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void closeAtAYieldInsideFinallyFinishes() {
        // Python 3.11: suspended at the finally's yield, g.close() -> None, GEN_CLOSED
        List<String> log = new ArrayList<>();
        TryCatchFinallyYields g = new TryCatchFinallyYields(log);
        g.next();
        assertThat(g.send("x")).isEqualTo("in finally");
        g.close();
        assertThat(log).containsExactly("try", "try got x", "finally");
        assertThat(g.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void otherExceptionRaisedInResponseToCloseComesOutOfClose() {
        // Python 3.11: except GeneratorExit: raise KeyError('other')  ->  g.close() raises KeyError('other'); GEN_CLOSED
        IllegalStateException other = new IllegalStateException("other");
        Generator<String, Void, Void> g = new Generator<>(self -> {
            try {
                self.yield("a");
            } catch (GeneratorExit e) {
                throw other;
            }
            return null;
        });
        g.next();
        assertThatThrownBy(g::close).isSameAs(other);
        assertThat(g.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void stopIterationRaisedInResponseToCloseBecomesIllegalStateException() {
        // Python 3.11: except GeneratorExit: raise StopIteration(3)  ->  g.close() raises
        // RuntimeError('generator raised StopIteration') from StopIteration(3)
        StopIteration stop = new StopIteration(3);
        Generator<String, Void, Void> g = new Generator<>(self -> {
            try {
                self.yield("a");
            } catch (GeneratorExit e) {
                throw stop;
            }
            return null;
        });
        g.next();
        assertThatThrownBy(g::close)
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("generator raised StopIteration")
                .hasCause(stop);
        assertThat(g.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void generatorExitThrownInExplicitlyPropagatesOutOfThrowIn() {
        // Python 3.11: g.throw(GeneratorExit()) on a suspended generator raises GeneratorExit; GEN_CLOSED
        Generator<String, Void, Void> g = new Generator<>(self -> {
            self.yield("a");
            return null;
        });
        g.next();
        GeneratorExit exit = new GeneratorExit();
        assertThatThrownBy(() -> g.throwIn(exit)).isSameAs(exit);
        assertThat(g.state()).isEqualTo(State.CLOSED);
    }
}
