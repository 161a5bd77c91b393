package weft.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import kilim.Pausable;
import weft.generator.Generator.State;
import weft.generator.fixtures.Averager;

/** The two ways to write a body (lambda, subclass), and bodies that yield null. */
@Timeout(10)
class BodyFormsTest {

    @Test
    void lambdaBodyGetsTheGeneratorItselfAndCapturesLocalsOfTheEnclosingMethod() {
        String prefix = "item ";
        int count = 3;
        List<Object> selves = new ArrayList<>();
        Generator<String, Void, Integer> g = new Generator<>(self -> {
            selves.add(self);
            for (int i = 0; i < count; i++) {
                self.yield(prefix + i);
            }
            return count;
        });
        assertThat(g).containsExactly("item 0", "item 1", "item 2");
        assertThat(selves).containsExactly(g);
    }

    /** A Pausable method used as a body through a method reference. */
    private static String countdown(Generator<Integer, Void, String> self) throws Pausable {
        for (int n = 3; n > 0; n--) {
            self.yield(n);
        }
        return "liftoff";
    }

    @Test
    void methodReferenceWorksAsABody() {
        Generator<Integer, Void, String> g = new Generator<>(BodyFormsTest::countdown);
        assertThat(g.next()).isEqualTo(3);
        assertThat(g.next()).isEqualTo(2);
        assertThat(g.next()).isEqualTo(1);
        assertThatThrownBy(g::next)
                .isInstanceOfSatisfying(StopIteration.class, s -> assertThat(s.value()).isEqualTo("liftoff"));
    }

    @Test
    void subclassBodyRunsLikeALambdaBody() {
        // Python 3.11 (Fluent Python's averager): next -> None; send(10) -> 10.0; send(30) -> 20.0;
        // send(5) -> 15.0; send(None) -> StopIteration((3, 15.0))
        Averager g = new Averager();
        assertThat(g.next()).isNull();
        assertThat(g.send(10.0)).isEqualTo(10.0);
        assertThat(g.send(30.0)).isEqualTo(20.0);
        assertThat(g.send(5.0)).isEqualTo(15.0);
        assertThatThrownBy(() -> g.send(null)).isInstanceOfSatisfying(StopIteration.class,
                s -> assertThat(s.value()).isEqualTo(new Averager.Result(3, 15.0)));
    }

    @Test
    void generatorThatYieldsOnlyNullsIsSuspendedAfterEachAndEndsWithStopIteration() {
        // Python 3.11: def g(): yield None; yield None; return None  ->  None, None, StopIteration()
        List<String> log = new ArrayList<>();
        Generator<Object, Object, Object> g = new Generator<>(self -> {
            log.add("1");
            Object a = self.yield(null);
            log.add("2 got " + a);
            self.yield(null);
            log.add("3");
            return null;
        });
        assertThat(g.next()).isNull();
        assertThat(g.state()).isEqualTo(State.SUSPENDED);
        assertThat(g.send("x")).isNull();
        assertThat(g.state()).isEqualTo(State.SUSPENDED);
        assertThat(log).containsExactly("1", "2 got x");
        assertThatThrownBy(g::next)
                .isInstanceOfSatisfying(StopIteration.class, s -> assertThat(s.value()).isNull());
        assertThat(log).containsExactly("1", "2 got x", "3");
    }
}
