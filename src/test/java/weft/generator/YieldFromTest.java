package weft.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import weft.generator.Generator.State;
import weft.generator.Trace.Boom;
import weft.generator.fixtures.Callees;

/**
 * {@link Generator#yieldFrom}: Python's {@code yield from} over a generator object (PEP 380).
 * Each test plays a scenario of src/test/resources/generator/yield_from.py, states the trace it
 * expects, and compares it with what python3 prints for the same scenario (skipped without
 * python3).
 */
@Timeout(10)
class YieldFromTest {

    private static void assertSameAsPython(String scenario, Trace trace) {
        PythonTraces.assertSameAsPython("/generator/yield_from.py", scenario, trace);
    }

    private static Generator<String, String, String> waitingSub(Trace t) {
        return new Generator<>(self -> {
            try {
                self.yield("sub waits");
            } finally {
                t.add("sub finally");
            }
            return null;
        });
    }

    @Test
    void yieldsWhatTheSubGeneratorYieldsAndReturnsWhatItReturned() {
        Trace t = new Trace();
        Generator<String, String, String> sub = new Generator<>(self -> {
            self.yield("sub 1");
            self.yield("sub 2");
            return "sub result";
        });
        Generator<String, String, String> g = new Generator<>(self -> {
            self.yield("outer before");
            String r = self.yieldFrom(sub);
            t.add("outer got " + Trace.show(r));
            self.yield("outer after");
            return "outer result";
        });
        for (int i = 0; i < 5; i++) {
            t.call("next", g::next);
        }
        assertThat(t).containsExactly("next -> outer before", "next -> sub 1", "next -> sub 2",
                "outer got sub result", "next -> outer after", "next raised StopIteration(outer result)");
        assertSameAsPython("values_and_result", t);
    }

    @Test
    void sendPassesEachValueOnToTheSubGeneratorAndSendNullIsNext() {
        Trace t = new Trace();
        Generator<String, String, String> sub = new Generator<>(self -> {
            String x = self.yield("sub first");
            t.add("sub got " + Trace.show(x));
            String y = self.yield("sub second");
            t.add("sub got " + Trace.show(y));
            return Trace.show(x) + "+" + Trace.show(y);
        });
        Generator<String, String, String> g = new Generator<>(self -> "outer got " + self.yieldFrom(sub));
        t.call("next", g::next);
        t.call("send(a)", () -> g.send("a"));
        t.call("send(None)", () -> g.send(null));
        assertThat(t).containsExactly("next -> sub first", "sub got a", "send(a) -> sub second", "sub got None",
                "send(None) raised StopIteration(outer got a+None)");
        assertSameAsPython("send_forwarded", t);
    }

    @Test
    void throwInRaisesTheExceptionInTheSubGeneratorAtItsYield() {
        Trace t = new Trace();
        Generator<String, String, String> sub = new Generator<>(self -> {
            try {
                self.yield("sub waits");
            } catch (Boom e) {
                t.add("sub caught " + Trace.describe(e));
                self.yield("sub recovered");
            }
            return "sub done";
        });
        Generator<String, String, String> g = new Generator<>(self -> {
            String r = self.yieldFrom(sub);
            self.yield("outer got " + r);
            return null;
        });
        t.call("next", g::next);
        t.call("throw(Boom(bad))", () -> g.throwIn(new Boom("bad")));
        t.call("next", g::next);
        t.call("next", g::next);
        assertThat(t).containsExactly("next -> sub waits", "sub caught Boom(bad)", "throw(Boom(bad)) -> sub recovered",
                "next -> outer got sub done", "next raised StopIteration(None)");
        assertSameAsPython("throw_caught_by_sub", t);
    }

    @Test
    void exceptionThrownInThatTheSubGeneratorDoesNotCatchComesOutOfYieldFrom() {
        Trace t = new Trace();
        Generator<String, String, String> sub = waitingSub(t);
        Generator<String, String, String> g = new Generator<>(self -> {
            try {
                self.yieldFrom(sub);
            } catch (Boom e) {
                t.add("outer caught " + Trace.describe(e));
                self.yield("outer recovered");
            }
            return null;
        });
        t.call("next", g::next);
        t.call("throw(Boom(bad))", () -> g.throwIn(new Boom("bad")));
        t.state("sub", sub);
        assertThat(t).containsExactly("next -> sub waits", "sub finally", "outer caught Boom(bad)",
                "throw(Boom(bad)) -> outer recovered", "sub GEN_CLOSED");
        assertSameAsPython("throw_not_caught_by_sub", t);
    }

    @Test
    void subGeneratorThatReturnsOnAThrownInExceptionEndsYieldFromWithItsValue() {
        Trace t = new Trace();
        Generator<String, String, String> sub = new Generator<>(self -> {
            try {
                self.yield("sub waits");
            } catch (Boom e) {
                return "sub returned after " + Trace.describe(e);
            }
            return "not reached";
        });
        Generator<String, String, String> g = new Generator<>(self -> {
            String r = self.yieldFrom(sub);
            self.yield("outer got " + r);
            return null;
        });
        t.call("next", g::next);
        t.call("throw(Boom(stop))", () -> g.throwIn(new Boom("stop")));
        assertThat(t).containsExactly("next -> sub waits", "throw(Boom(stop)) -> outer got sub returned after Boom(stop)");
        assertSameAsPython("throw_sub_returns", t);
    }

    @Test
    void stopIterationThrownInIsRaisedInTheSubGeneratorNotTakenForItsReturn() {
        Trace t = new Trace();
        Generator<String, String, String> sub = waitingSub(t);
        Generator<String, String, String> g = new Generator<>(self -> {
            try {
                self.yieldFrom(sub);
            } catch (IllegalStateException e) {
                t.add("outer caught " + Trace.describe(e) + " caused by " + Trace.describe(e.getCause()));
            }
            self.yield("outer goes on");
            return null;
        });
        t.call("next", g::next);
        t.call("throw(StopIteration(x))", () -> g.throwIn(new StopIteration("x")));
        t.state("sub", sub);
        assertThat(t).containsExactly("next -> sub waits", "sub finally",
                "outer caught misuse(generator raised StopIteration) caused by StopIteration(x)",
                "throw(StopIteration(x)) -> outer goes on", "sub GEN_CLOSED");
        assertSameAsPython("throw_stop_iteration", t);
    }

    @Test
    void exceptionRaisedByTheSubGeneratorComesOutOfYieldFrom() {
        Trace t = new Trace();
        Generator<String, String, String> sub = new Generator<>(self -> {
            String x = self.yield("sub waits");
            throw new Boom("sub failed on " + x);
        });
        Generator<String, String, String> g = new Generator<>(self -> {
            try {
                self.yieldFrom(sub);
            } catch (Boom e) {
                t.add("outer caught " + Trace.describe(e));
            }
            self.yield("outer goes on");
            return null;
        });
        t.call("next", g::next);
        t.call("send(x)", () -> g.send("x"));
        assertThat(t).containsExactly("next -> sub waits", "outer caught Boom(sub failed on x)", "send(x) -> outer goes on");
        assertSameAsPython("sub_raises", t);
    }

    /**
     * Python's {@code try: r = yield from sub; log(r); yield ... except GeneratorExit: log; raise
     * finally: log}.
     */
    private static Generator<String, String, String> closedWhileDelegating(Generator<String, String, String> sub, Trace t) {
        return new Generator<>(self -> {
            try {
                String r = self.yieldFrom(sub);
                t.add("outer goes on with " + Trace.show(r));
                self.yield("outer yields again");
            } catch (GeneratorExit e) {
                t.add("outer got GeneratorExit");
                throw e;
            } finally {
                t.add("outer finally");
            }
            return null;
        });
    }

    @Test
    void closeClosesTheSubGeneratorThenRaisesGeneratorExitInTheDelegatingBody() {
        Trace t = new Trace();
        Generator<String, String, String> sub = waitingSub(t);
        Generator<String, String, String> g = closedWhileDelegating(sub, t);
        t.call("next", g::next);
        t.run("close", g::close);
        t.state("sub", sub);
        t.state("outer", g);
        assertThat(t).containsExactly("next -> sub waits", "sub finally", "outer got GeneratorExit", "outer finally",
                "close -> None", "sub GEN_CLOSED", "outer GEN_CLOSED");
        assertSameAsPython("close_forwarded", t);
    }

    @Test
    void generatorExitThrownInClosesTheSubGeneratorAndComesOutOfThrowIn() {
        Trace t = new Trace();
        Generator<String, String, String> sub = waitingSub(t);
        Generator<String, String, String> g = closedWhileDelegating(sub, t);
        t.call("next", g::next);
        t.call("throw(GeneratorExit)", () -> g.throwIn(new GeneratorExit()));
        t.state("sub", sub);
        t.state("outer", g);
        assertThat(t).containsExactly("next -> sub waits", "sub finally", "outer got GeneratorExit", "outer finally",
                "throw(GeneratorExit) raised GeneratorExit", "sub GEN_CLOSED", "outer GEN_CLOSED");
        assertSameAsPython("throw_generator_exit", t);
    }

    @Test
    void closeRaisesGeneratorExitInTheDelegatingBodyEvenIfTheSubGeneratorSwallowedIt() {
        Trace t = new Trace();
        Generator<String, String, String> sub = new Generator<>(self -> {
            try {
                self.yield("sub waits");
            } catch (GeneratorExit e) {
                t.add("sub swallowed GeneratorExit");
                return "sub returned";
            }
            return "not reached";
        });
        Generator<String, String, String> g = closedWhileDelegating(sub, t);
        t.call("next", g::next);
        t.run("close", g::close);
        t.state("sub", sub);
        t.state("outer", g);
        assertThat(t).containsExactly("next -> sub waits", "sub swallowed GeneratorExit", "outer got GeneratorExit",
                "outer finally", "close -> None", "sub GEN_CLOSED", "outer GEN_CLOSED");
        assertSameAsPython("close_sub_swallows", t);
    }

    /** Python's {@code try: yield from sub except BaseException as e: log(e); raise}. */
    private static Generator<String, String, String> loggingFailures(Generator<String, String, String> sub, Trace t) {
        return new Generator<>(self -> {
            try {
                self.yieldFrom(sub);
            } catch (Throwable e) {
                t.add("outer got " + Trace.describe(e));
                throw e;
            }
            return null;
        });
    }

    @Test
    void exceptionTheSubGeneratorRaisesWhenClosedComesOutOfCloseInstead() {
        Trace t = new Trace();
        Generator<String, String, String> sub = new Generator<>(self -> {
            try {
                self.yield("sub waits");
            } catch (GeneratorExit e) {
                throw new Boom("sub failed closing");
            }
            return null;
        });
        Generator<String, String, String> g = loggingFailures(sub, t);
        t.call("next", g::next);
        t.run("close", g::close);
        t.state("sub", sub);
        t.state("outer", g);
        assertThat(t).containsExactly("next -> sub waits", "outer got Boom(sub failed closing)",
                "close raised Boom(sub failed closing)", "sub GEN_CLOSED", "outer GEN_CLOSED");
        assertSameAsPython("close_sub_raises", t);
    }

    @Test
    void subGeneratorThatYieldsWhenClosedMakesCloseFailAndStaysSuspended() {
        Trace t = new Trace();
        Generator<String, String, String> sub = new Generator<>(self -> {
            try {
                self.yield("sub waits");
            } catch (GeneratorExit e) {
                t.add("sub ignored GeneratorExit");
            }
            self.yield("sub yields again");
            return null;
        });
        Generator<String, String, String> g = loggingFailures(sub, t);
        t.call("next", g::next);
        t.run("close", g::close);
        t.state("sub", sub);
        t.state("outer", g);
        assertThat(t).containsExactly("next -> sub waits", "sub ignored GeneratorExit",
                "outer got misuse(generator ignored GeneratorExit)", "close raised misuse(generator ignored GeneratorExit)",
                "sub GEN_SUSPENDED", "outer GEN_CLOSED");
        assertSameAsPython("close_sub_ignores", t);
    }

    @Test
    void yieldFromAFinishedGeneratorReturnsNullAtOnce() {
        Trace t = new Trace();
        Generator<String, String, String> sub = new Generator<>(self -> {
            self.yield("sub only");
            return "sub result";
        });
        t.call("sub next", sub::next);
        t.call("sub next", sub::next);
        Generator<String, String, String> g = new Generator<>(self -> {
            String r = self.yieldFrom(sub);
            t.add("outer got " + Trace.show(r));
            self.yield("outer goes on");
            return null;
        });
        t.call("next", g::next);
        assertThat(t).containsExactly("sub next -> sub only", "sub next raised StopIteration(sub result)",
                "outer got None", "next -> outer goes on");
        assertSameAsPython("exhausted", t);
    }

    @Test
    void yieldFromAGeneratorPartWayThroughGoesOnFromWhereItIs() {
        Trace t = new Trace();
        Generator<String, String, String> sub = new Generator<>(self -> {
            self.yield("sub 1");
            self.yield("sub 2");
            return "sub result";
        });
        t.call("sub next", sub::next);
        Generator<String, String, String> g = new Generator<>(self -> "outer got " + self.yieldFrom(sub));
        t.call("next", g::next);
        t.call("next", g::next);
        assertThat(t).containsExactly("sub next -> sub 1", "next -> sub 2", "next raised StopIteration(outer got sub result)");
        assertSameAsPython("partly_consumed", t);
    }

    @Test
    void subGeneratorClosedFromOutsideMeanwhileEndsYieldFromWithNull() {
        Trace t = new Trace();
        Generator<String, String, String> sub = new Generator<>(self -> {
            try {
                self.yield("sub 1");
                self.yield("sub 2");
            } finally {
                t.add("sub finally");
            }
            return "sub result";
        });
        Generator<String, String, String> g = new Generator<>(self -> {
            String r = self.yieldFrom(sub);
            t.add("outer got " + Trace.show(r));
            self.yield("outer goes on");
            return null;
        });
        t.call("next", g::next);
        t.run("sub close", sub::close);
        t.call("next", g::next);
        assertThat(t).containsExactly("next -> sub 1", "sub finally", "sub close -> None", "outer got None",
                "next -> outer goes on");
        assertSameAsPython("sub_closed_meanwhile", t);
    }

    /** Python's {@code try: yield from target except ValueError as e: log(e)}, then "name goes on". */
    private static Generator<String, String, String> delegatingTo(String name,
            AtomicReference<Generator<String, String, String>> target, Trace t) {
        return new Generator<>(self -> {
            try {
                self.yieldFrom(target.get());
            } catch (IllegalStateException e) {
                t.add(name + " caught " + Trace.describe(e));
            }
            self.yield(name + " goes on");
            return null;
        });
    }

    @Test
    void yieldFromItselfFailsAsAlreadyExecuting() {
        Trace t = new Trace();
        AtomicReference<Generator<String, String, String>> me = new AtomicReference<>();
        Generator<String, String, String> g = delegatingTo("outer", me, t);
        me.set(g);
        t.call("next", g::next);
        t.state("outer", g);
        assertThat(t).containsExactly("outer caught misuse(generator already executing)", "next -> outer goes on",
                "outer GEN_SUSPENDED");
        assertSameAsPython("from_itself", t);
    }

    @Test
    void yieldFromTheGeneratorThatIsDrivingThisOneFailsAsAlreadyExecuting() {
        Trace t = new Trace();
        AtomicReference<Generator<String, String, String>> caller = new AtomicReference<>();
        Generator<String, String, String> inner = delegatingTo("inner", caller, t);
        Generator<String, String, String> g = new Generator<>(self -> {
            self.yield("outer got " + inner.next());
            return null;
        });
        caller.set(g);
        t.call("next", g::next);
        assertThat(t).containsExactly("inner caught misuse(generator already executing)", "next -> outer got inner goes on");
        assertSameAsPython("from_the_caller", t);
    }

    private static Generator<String, String, String> leaf(Trace t) {
        return new Generator<>(self -> {
            try {
                String x = self.yield("leaf 1");
                t.add("leaf got " + x);
                self.yield("leaf 2");
            } finally {
                t.add("leaf finally");
            }
            return null;
        });
    }

    private static final List<String> CHAIN = List.of("next -> leaf 1", "leaf got v", "send(v) -> leaf 2",
            "leaf finally", "middle finally", "top finally", "close -> None", "top GEN_CLOSED");

    private static void driveChain(Generator<String, String, String> top, Trace t) {
        t.call("next", top::next);
        t.call("send(v)", () -> top.send("v"));
        t.run("close", top::close);
        t.state("top", top);
    }

    @Test
    void delegationChainsPassSendAndCloseThroughEveryLevel() {
        Trace t = new Trace();
        Generator<String, String, String> middle = new Generator<>(self -> {
            try {
                self.yieldFrom(leaf(t));
            } finally {
                t.add("middle finally");
            }
            return null;
        });
        Generator<String, String, String> top = new Generator<>(self -> {
            try {
                self.yieldFrom(middle);
            } finally {
                t.add("top finally");
            }
            return null;
        });
        driveChain(top, t);
        assertThat(t).containsExactlyElementsOf(CHAIN);
        assertSameAsPython("chain", t);
    }

    @Test
    void yieldFromInAPausableMethodTheBodyCallsDelegatesForThatBody() {
        // The chain above with its middle generator written as a method: Python's trace still.
        Trace t = new Trace();
        Generator<String, String, String> top = new Generator<>(self -> {
            try {
                Callees.delegateThenLog(self, leaf(t), t);
            } finally {
                t.add("top finally");
            }
            return null;
        });
        driveChain(top, t);
        assertThat(t).containsExactlyElementsOf(CHAIN);
        assertSameAsPython("chain", t);
    }

    @Test
    void subGeneratorMayYieldNarrowerValuesAndTakeWiderSendsThanTheDelegatingOne() {
        Generator<Integer, Object, List<Object>> sub = new Generator<>(self -> {
            List<Object> got = new ArrayList<>();
            got.add(self.yield(1));
            got.add(self.yield(2));
            return got;
        });
        Generator<Number, String, Integer> g = new Generator<>(self -> {
            List<Object> got = self.yieldFrom(sub);
            return got.size();
        });
        assertThat(g.next()).isEqualTo(1);
        assertThat(g.send("a")).isEqualTo(2);
        assertThatThrownBy(() -> g.send("b"))
                .isInstanceOfSatisfying(StopIteration.class, s -> assertThat(s.value()).isEqualTo(2));
    }

    @Test
    void nestedPausableCallThatSwallowsGeneratorExitLetsItsCallerGoOnWhereYieldFromDoesNot() {
        // The same callee code both ways (Python has only the second: a generator function's
        // yields need yield from). As a nested call the callee handled GeneratorExit like any
        // exception, and its caller goes on; as a delegated-to generator, close still raises
        // GeneratorExit in the delegating body (compared with Python in
        // closeRaisesGeneratorExitInTheDelegatingBodyEvenIfTheSubGeneratorSwallowedIt).
        Trace nested = new Trace();
        Generator<String, String, String> caller = new Generator<>(self -> {
            String r = Callees.swallowGeneratorExit(self, nested);
            nested.add("caller goes on with " + r);
            return r;
        });
        nested.call("next", caller::next);
        nested.run("close", caller::close);
        assertThat(nested).containsExactly("next -> callee waits", "callee swallowed GeneratorExit",
                "caller goes on with callee returned", "close -> None");

        Trace delegated = new Trace();
        Generator<String, String, String> delegating = new Generator<>(self -> {
            String r;
            try {
                r = self.yieldFrom(new Generator<String, String, String>(sub -> Callees.swallowGeneratorExit(sub, delegated)));
            } catch (GeneratorExit e) {
                delegated.add("caller got GeneratorExit");
                throw e;
            }
            delegated.add("caller goes on with " + r);
            return r;
        });
        delegated.call("next", delegating::next);
        delegated.run("close", delegating::close);
        assertThat(delegated).containsExactly("next -> callee waits", "callee swallowed GeneratorExit",
                "caller got GeneratorExit", "close -> None");
    }

    @Test
    void yieldFromOnAGeneratorThatIsNotRunningIsRejectedBeforeTheSubGeneratorStarts() {
        // No Python equivalent (yield from is syntax there): a body could call it on the wrong generator.
        Generator<String, String, String> idle = new Generator<>(self -> null);
        Generator<String, String, String> sub = new Generator<>(self -> {
            self.yield("sub 1");
            return null;
        });
        Generator<String, String, String> g = new Generator<>(self -> idle.yieldFrom(sub));
        assertThatThrownBy(g::next)
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("yieldFrom called outside this generator's running body");
        assertThat(sub.state()).isEqualTo(State.CREATED);
        assertThat(idle.state()).isEqualTo(State.CREATED);
    }

    @Test
    void yieldFromNullIsRejected() {
        Generator<String, String, String> g = new Generator<>(self -> self.yieldFrom(null));
        assertThatThrownBy(g::next)
                .isExactlyInstanceOf(NullPointerException.class)
                .hasMessage("sub");
        assertThat(g.state()).isEqualTo(State.CLOSED);
    }
}
