package weft.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import weft.generator.Generator.State;

/**
 * for-each over a generator, like Python's {@code for x in g}. Java differs by necessity: a
 * Java Iterator must answer hasNext() before next(), so hasNext() resumes the body and holds
 * the value; and iterator() returns a new Iterator over the same generator, where Python's
 * iter(g) is g itself.
 */
@Timeout(10)
class IterationTest {

    private static Generator<String, Void, String> yielding(List<String> log, String... values) {
        return new Generator<>(self -> {
            for (String v : values) {
                log.add("yield " + v);
                self.yield(v);
            }
            log.add("end");
            return "ignored by for";
        });
    }

    @Test
    void forEachSeesExactlyTheYieldedValuesThenStops() {
        // Python 3.11: [x for x in g1()] -> the yielded values; the return value is not among them
        List<String> log = new ArrayList<>();
        Generator<String, Void, String> g = yielding(log, "a", "b", "c");
        List<String> seen = new ArrayList<>();
        for (String v : g) {
            seen.add(v);
            assertThat(log).as("the body runs only up to the value being seen").last().isEqualTo("yield " + v);
        }
        assertThat(seen).containsExactly("a", "b", "c");
        assertThat(log).containsExactly("yield a", "yield b", "yield c", "end");
        assertThat(g.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void forEachSeesYieldedNulls() {
        // Python 3.11: list(gen yielding None, None) -> [None, None]
        Generator<String, Void, String> g = yielding(new ArrayList<>(), null, "x", null);
        List<String> seen = new ArrayList<>();
        for (String v : g) {
            seen.add(v);
        }
        assertThat(seen).containsExactly(null, "x", null);
    }

    @Test
    void hasNextResumesTheBodyOnlyOncePerValue() {
        List<String> log = new ArrayList<>();
        Iterator<String> it = yielding(log, "a", "b").iterator();
        assertThat(log).isEmpty();
        assertThat(it.hasNext()).isTrue();
        assertThat(it.hasNext()).isTrue();
        assertThat(log).containsExactly("yield a");
        assertThat(it.next()).isEqualTo("a");
        assertThat(it.next()).isEqualTo("b");
        assertThat(log).containsExactly("yield a", "yield b");
        assertThat(it.hasNext()).isFalse();
        assertThat(it.hasNext()).isFalse();
        assertThat(log).containsExactly("yield a", "yield b", "end");
    }

    @Test
    void nextPastTheEndThrowsNoSuchElementException() {
        Iterator<String> it = yielding(new ArrayList<>(), "a").iterator();
        assertThat(it.next()).isEqualTo("a");
        assertThatThrownBy(it::next).isExactlyInstanceOf(NoSuchElementException.class);
    }

    @Test
    void iteratingAPartlyConsumedGeneratorContinuesWhereItIs() {
        // Python 3.11: g = (x for x in range(5)); next(g); list(g) -> [1, 2, 3, 4]
        Generator<String, Void, String> g = yielding(new ArrayList<>(), "a", "b", "c");
        assertThat(g.next()).isEqualTo("a");
        assertThat(g).containsExactly("b", "c");
    }

    @Test
    void iteratingAFinishedGeneratorSeesNothing() {
        // Python 3.11: list(g) a second time -> []
        Generator<String, Void, String> g = yielding(new ArrayList<>(), "a", "b");
        assertThat(g).containsExactly("a", "b");
        assertThat(g).isEmpty();
        assertThat(g.iterator().hasNext()).isFalse();
    }

    @Test
    void breakingOutOfTheLoopLeavesTheGeneratorSuspended() {
        // Python 3.11: for x in g: break  ->  GEN_SUSPENDED, finally not run. (Python later closes it
        // when it is garbage collected; Java has no such hook, so close it yourself.)
        List<String> log = new ArrayList<>();
        Generator<String, Void, Void> g = new Generator<>(self -> {
            try {
                self.yield("a");
                self.yield("b");
            } finally {
                log.add("finally");
            }
            return null;
        });
        for (String v : g) {
            break;
        }
        assertThat(g.state()).isEqualTo(State.SUSPENDED);
        assertThat(log).isEmpty();
        g.close();
        assertThat(log).containsExactly("finally");
    }

    @Test
    void exceptionFromTheBodyComesOutOfTheLoop() {
        // Python 3.11: for x in boom(): ... raises KeyError('boom') after seeing [1]
        IllegalStateException boom = new IllegalStateException("boom");
        Generator<Integer, Void, Void> g = new Generator<>(self -> {
            self.yield(1);
            throw boom;
        });
        List<Integer> seen = new ArrayList<>();
        assertThatThrownBy(() -> {
            for (int v : g) {
                seen.add(v);
            }
        }).isSameAs(boom);
        assertThat(seen).containsExactly(1);
        assertThat(g.state()).isEqualTo(State.CLOSED);
        assertThat(g.iterator().hasNext()).isFalse();
    }

    @Test
    void generatorWorksAsAStreamSource() {
        Generator<Integer, Void, Void> squares = new Generator<>(self -> {
            for (int i = 1; i <= 5; i++) {
                self.yield(i * i);
            }
            return null;
        });
        String joined = StreamSupport.stream(squares.spliterator(), false)
                .map(String::valueOf)
                .collect(Collectors.joining(","));
        assertThat(joined).isEqualTo("1,4,9,16,25");
    }
}
