package weft.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import weft.generator.fixtures.LoopYields;
import weft.generator.fixtures.NestedLoops;
import weft.generator.fixtures.ObjectLocals;
import weft.generator.fixtures.PrimitiveLocals;
import weft.generator.fixtures.PrimitiveLocals.Snapshot;
import weft.generator.fixtures.TryCatchFinallyYields;

/** The body really stops at each yield and resumes there with its locals and control flow intact. */
@Timeout(10)
class SuspensionTest {

    @Test
    void codeAfterAYieldDoesNotRunUntilResumed() {
        List<String> log = new ArrayList<>();
        Generator<Integer, String, String> g = new Generator<>(self -> {
            log.add("start");
            String a = self.yield(1);
            log.add("resumed with " + a);
            String b = self.yield(2);
            log.add("resumed with " + b);
            return "end";
        });
        assertThat(log).as("constructing runs nothing").isEmpty();

        assertThat(g.next()).isEqualTo(1);
        assertThat(log).containsExactly("start");

        assertThat(g.send("x")).isEqualTo(2);
        assertThat(log).containsExactly("start", "resumed with x");

        assertThatThrownBy(() -> g.send("y")).isInstanceOf(StopIteration.class);
        assertThat(log).containsExactly("start", "resumed with x", "resumed with y");
    }

    @Test
    void aYieldItsSubclassAnswersAtOnceReturnsNullWithoutReachingTheCaller() {
        List<String> log = new ArrayList<>();
        Generator<String, String, Void> g = new Generator<>(self -> {
            log.add("got " + self.yield("ask"));
            log.add("got " + self.yield("known"));
            log.add("got " + self.yield("ask"));
            return null;
        }) {
            @Override
            protected boolean answersAtOnce(String value) {
                log.add("asked about " + value);
                return value.equals("known");
            }
        };

        assertThat(g.next()).isEqualTo("ask");
        assertThat(g.send("a")).as("the body went past its second yield without suspending").isEqualTo("ask");
        assertThat(log).containsExactly("asked about ask", "got a", "asked about known", "got null", "asked about ask");
        assertThat(g.state()).isEqualTo(Generator.State.SUSPENDED);
    }

    @Test
    void localsOfEveryPrimitiveTypeSurviveSuspension() {
        int rounds = 500;
        PrimitiveLocals g = new PrimitiveLocals(rounds);
        Snapshot expected = PrimitiveLocals.START;

        assertThat(g.next()).isEqualTo(expected);
        for (int round = 1; round < rounds; round++) {
            int step = round * 37 % 101 - 50; // varies in size and sign
            expected = expected.next(step);
            assertThat(g.send(step)).as("round %d", round).isEqualTo(expected);
        }
        Snapshot last = expected.next(7);
        assertThatThrownBy(() -> g.send(7))
                .isInstanceOfSatisfying(StopIteration.class, s -> assertThat(s.value()).isEqualTo(last));
    }

    @Test
    void objectLocalsIncludingArraysAndMutableObjectsSurviveSuspension() {
        ObjectLocals g = new ObjectLocals();
        ObjectLocals.View first = g.next();
        assertThat(first.text()).isEmpty();
        assertThat(first.every2nd()).isNull();

        String[] words = {"alpha", "be", "gamma", "pie", "omega", "xi"};
        StringBuilder text = new StringBuilder();
        for (int n = 0; n < words.length; n++) {
            ObjectLocals.View view = g.send(words[n]);
            text.append(words[n]);
            assertThat(view.text()).isEqualTo(text.toString());
            // The very same array, builder and list live on in the suspended body, changed in place.
            assertThat(view.lengths()).isSameAs(first.lengths());
            assertThat(view.initials()).isSameAs(first.initials());
            assertThat(view.words()).isSameAs(first.words()).containsExactly(List.of(words).subList(0, n + 1).toArray(String[]::new));
            assertThat(view.every2nd()).isEqualTo(n % 2 == 0 ? words[n] : null);
        }
        assertThat(first.lengths()).containsExactly(0, 3, 2, 1); // lengths 5,2,5,3,5,2 modulo 4
        assertThat(first.initials()).hasToString("abgpox");
        assertThatThrownBy(() -> g.send(null))
                .isInstanceOfSatisfying(StopIteration.class, s -> assertThat(s.value())
                        .isEqualTo("alphabegammapieomegaxi|[0, 3, 2, 1]|abgpox|[alpha, be, gamma, pie, omega, xi]|null"));
    }

    @Test
    void partlyEvaluatedExpressionsSurviveSuspension() {
        // Operands already on the JVM stack when the body suspends (left of the yield in an
        // expression, or earlier arguments of a call) must be there when it resumes.
        Generator<String, Integer, String> g = new Generator<>(self -> {
            long big = 10_000_000_000L;
            long sum = big + self.yield("first") * 3L;
            String joined = String.join("-", "a" + sum, "b" + self.yield("second"), "c");
            double mixed = 0.5 + self.yield("third") / 4.0;
            return joined + "/" + mixed;
        });
        assertThat(g.next()).isEqualTo("first");
        assertThat(g.send(7)).isEqualTo("second");
        assertThat(g.send(8)).isEqualTo("third");
        assertThatThrownBy(() -> g.send(9)).isInstanceOfSatisfying(StopIteration.class,
                s -> assertThat(s.value()).isEqualTo("a10000000021-b8-c/2.75"));
    }

    @Test
    void manySuspendedGeneratorsKeepSeparateState() {
        List<Generator<Integer, Integer, Integer>> gens = new ArrayList<>();
        for (int n = 0; n < 50; n++) {
            int start = n * 1000;
            gens.add(new Generator<>(self -> {
                int total = start;
                while (true) {
                    Integer add = self.yield(total);
                    if (add == null) {
                        return total;
                    }
                    total += add;
                }
            }));
        }
        gens.forEach(Generator::next);
        for (int round = 1; round <= 20; round++) {
            for (int n = 0; n < gens.size(); n++) {
                assertThat(gens.get(n).send(n)).isEqualTo(n * 1000 + round * n);
            }
        }
    }

    @Test
    void localsSurviveAHundredThousandSuspensions() {
        Generator<Long, Void, Long> g = new Generator<>(self -> {
            long a = 0;
            long b = 1;
            for (int i = 0; i < 100_000; i++) {
                self.yield(a);
                long next = (a + b) % 1_000_000_007L;
                a = b;
                b = next;
            }
            return a;
        });
        long a = 0;
        long b = 1;
        for (int i = 0; i < 100_000; i++) {
            assertThat(g.next()).isEqualTo(a);
            long next = (a + b) % 1_000_000_007L;
            a = b;
            b = next;
        }
        long last = a;
        assertThatThrownBy(g::next).isInstanceOfSatisfying(StopIteration.class, s -> assertThat(s.value()).isEqualTo(last));
    }

    @Test
    void yieldsInsideForWhileAndDoLoops() {
        LoopYields g = new LoopYields();
        assertThat(g.next()).isEqualTo("for 0");
        assertThat(g.next()).isEqualTo("for 1");
        assertThat(g.next()).isEqualTo("for 2");
        assertThat(g.next()).isEqualTo("while 0");
        assertThat(g.send("go")).isEqualTo("while 1");
        assertThat(g.send("go")).isEqualTo("while 2");
        assertThat(g.send("stop")).isEqualTo("do 3");
        assertThat(g.next()).isEqualTo("do 2");
        assertThat(g.next()).isEqualTo("do 1");
        assertThatThrownBy(g::next).isInstanceOfSatisfying(StopIteration.class,
                s -> assertThat(s.value()).isEqualTo(3 + 3 + 3)); // for, while (incl. the stopping one), do
    }

    @Test
    void yieldsInsideNestedLoopsWithLabelledBreakAndContinue() {
        NestedLoops g = new NestedLoops();
        Exhausted<String> run = Exhausted.of(g);
        List<String> seen = run.yielded();
        assertThat(seen).containsExactly(
                "1,1,0",
                "2,1,0", "2,2,0", "2,2,1",
                "3,1,0");
        assertThat(run.returned()).isEqualTo(8); // cells (0,0) (1,0) (1,1) (2,0) (2,1) (2,2) (3,0) (3,1)
    }

    @Test
    void finallyAfterAYieldInTryRunsOnlyOnResumeAndMayYieldItself() {
        // Python 3.11: next(g) -> 'in try'; g.send('x') -> 'in finally'; g.send('y') -> StopIteration('x')
        List<String> log = new ArrayList<>();
        TryCatchFinallyYields g = new TryCatchFinallyYields(log);
        assertThat(g.next()).isEqualTo("in try");
        assertThat(log).containsExactly("try");

        assertThat(g.send("x")).isEqualTo("in finally");
        assertThat(log).containsExactly("try", "try got x", "finally");

        assertThatThrownBy(() -> g.send("y"))
                .isInstanceOfSatisfying(StopIteration.class, s -> assertThat(s.value()).isEqualTo("x"));
        assertThat(log).containsExactly("try", "try got x", "finally", "finally got y");
    }

    @Test
    void exceptionThrownInAtAYieldIsCaughtAndTheCatchBlockYields() {
        // Python 3.11: g.throw(ValueError('bad')) -> 'in catch'; send('c') -> 'in finally'; send('f') -> StopIteration('c')
        List<String> log = new ArrayList<>();
        TryCatchFinallyYields g = new TryCatchFinallyYields(log);
        g.next();
        assertThat(g.throwIn(new IllegalArgumentException("bad"))).isEqualTo("in catch");
        assertThat(log).containsExactly("try", "caught bad");

        assertThat(g.send("c")).isEqualTo("in finally");
        assertThat(log).containsExactly("try", "caught bad", "catch got c", "finally");

        assertThatThrownBy(() -> g.send("f"))
                .isInstanceOfSatisfying(StopIteration.class, s -> assertThat(s.value()).isEqualTo("c"));
        assertThat(log).containsExactly("try", "caught bad", "catch got c", "finally", "finally got f");
    }

    @Test
    void uncaughtThrownInExceptionWaitsAtAYieldInFinallyThenPropagates() {
        // Python 3.11: g.throw(KeyError('other')) -> 'in finally' (still suspended); g.send('f') raises KeyError('other')
        List<String> log = new ArrayList<>();
        TryCatchFinallyYields g = new TryCatchFinallyYields(log);
        g.next();
        IllegalStateException other = new IllegalStateException("other");
        assertThat(g.throwIn(other)).isEqualTo("in finally");
        assertThat(g.state()).isEqualTo(Generator.State.SUSPENDED);

        assertThatThrownBy(() -> g.send("f")).isSameAs(other);
        assertThat(log).containsExactly("try", "finally", "finally got f");
        assertThat(g.state()).isEqualTo(Generator.State.CLOSED);
    }
}
