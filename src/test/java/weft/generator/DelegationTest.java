package weft.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import weft.generator.Generator.State;
import weft.generator.fixtures.DelegationWithHandlers;
import weft.generator.fixtures.FiveLevelDelegation;
import weft.generator.fixtures.RecursiveDescent;

/**
 * Nested Pausable calls suspend through their callers and return values to them, like Python's
 * {@code yield from}. Java differs by design: the delegate is a method call, not a generator
 * object, so there is no inner StopIteration; send, throwIn and close reach the innermost yield
 * directly, which is what {@code yield from} arranges in Python. Python 3.11 results (from the
 * same shapes written with yield from) quoted in comments.
 */
@Timeout(10)
class DelegationTest {

    @Test
    void fiveNestedCallsYieldAtSeveralDepthsKeepTheirLocalsAndPassReturnValuesUp() {
        FiveLevelDelegation g = new FiveLevelDelegation();
        assertThat(g.next()).isEqualTo("L1 before");              // depth 1
        assertThat(g.send("a")).isEqualTo("L3 seed 30");          // depth 3: level 2 passed 0+1+2 = 3, times 10
        assertThat(g.send("b")).isEqualTo("L5 yield 0");          // depth 5
        assertThat(g.send("c")).isEqualTo("L5 yield 1");
        String below = "L2 3,3[L3 30,7.5[b,L4 Tb![L5 2,-7,8.0[cd]]]]";
        assertThat(g.send("d")).isEqualTo("L1 after " + below);  // back at depth 1 with the value from below
        assertThatThrownBy(() -> g.send("e"))
                .isInstanceOfSatisfying(StopIteration.class,
                        s -> assertThat(s.value()).isEqualTo("L1[a," + below + ",e]"));
    }

    @Test
    void thrownInExceptionStartsAtTheInnermostYieldAndIsCaughtFurtherOut() {
        // Python 3.11: g.throw(ValueError('bad')) at depth 5 -> 'caught at 2: bad', with finally
        // blocks run at 5, 4, 3; then g.send(None) -> StopIteration('recovered'), finally at 2, 1.
        List<String> log = new ArrayList<>();
        DelegationWithHandlers g = new DelegationWithHandlers(log);
        assertThat(g.next()).isEqualTo("deep");
        assertThat(g.throwIn(new IllegalArgumentException("bad"))).isEqualTo("caught at 2: bad");
        assertThat(log).containsExactly("exit 5", "exit 4", "exit 3");
        assertThatThrownBy(g::next)
                .isInstanceOfSatisfying(StopIteration.class, s -> assertThat(s.value()).isEqualTo("recovered"));
        assertThat(log).containsExactly("exit 5", "exit 4", "exit 3", "exit 2", "exit 1");
    }

    @Test
    void exceptionRaisedDeepAfterResumingUnwindsToTheLevelThatCatchesIt() {
        // Python 3.11: g.send('fail') -> 'caught at 2: fail', finally blocks run at 5, 4, 3
        List<String> log = new ArrayList<>();
        DelegationWithHandlers g = new DelegationWithHandlers(log);
        g.next();
        assertThat(g.send("fail")).isEqualTo("caught at 2: fail");
        assertThat(log).containsExactly("exit 5", "exit 4", "exit 3");
    }

    @Test
    void returnValueOfTheInnermostLevelBecomesTheGeneratorsReturnValue() {
        // Python 3.11: g.send('ok') -> StopIteration('ok'), finally blocks run innermost first
        List<String> log = new ArrayList<>();
        DelegationWithHandlers g = new DelegationWithHandlers(log);
        g.next();
        assertThatThrownBy(() -> g.send("ok"))
                .isInstanceOfSatisfying(StopIteration.class, s -> assertThat(s.value()).isEqualTo("ok"));
        assertThat(log).containsExactly("exit 5", "exit 4", "exit 3", "exit 2", "exit 1");
    }

    @Test
    void closeRunsFinallyBlocksAtEveryLevelInnermostFirst() {
        // Python 3.11: g.close() at depth 5 -> None, finally at 5, 4, 3, 2, 1 (level 2's
        // `except ValueError` does not catch GeneratorExit)
        List<String> log = new ArrayList<>();
        DelegationWithHandlers g = new DelegationWithHandlers(log);
        g.next();
        g.close();
        assertThat(log).containsExactly("exit 5", "exit 4", "exit 3", "exit 2", "exit 1");
        assertThat(g.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void recursiveDelegationYieldsOnTheWayDownAndBackUp() {
        int depth = 300;
        RecursiveDescent g = new RecursiveDescent(depth);
        for (int d = depth; d >= 0; d--) {
            assertThat(g.next()).isEqualTo("down " + d);
        }
        for (int d = 0; d <= depth; d++) {
            assertThat(g.next()).isEqualTo("up " + d);
        }
        assertThatThrownBy(g::next).isInstanceOfSatisfying(StopIteration.class,
                s -> assertThat(s.value()).isEqualTo((long) depth * (depth + 1) / 2));
    }
}
