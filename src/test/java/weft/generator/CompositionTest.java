package weft.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import weft.generator.Generator.State;
import weft.generator.fixtures.InOrder;
import weft.generator.fixtures.InOrder.Node;
import weft.generator.fixtures.Mapped;
import weft.generator.fixtures.YieldFrom;

/** Generators driving other generators inside their bodies. */
@Timeout(10)
class CompositionTest {

    private static Generator<Integer, Void, Void> range(int n, List<String> log) {
        return new Generator<>(self -> {
            try {
                for (int i = 0; i < n; i++) {
                    self.yield(i);
                }
            } finally {
                log.add("range closed");
            }
            return null;
        });
    }

    @Test
    void generatorIteratesAnotherInsideItsBody() {
        List<String> log = new ArrayList<>();
        Mapped<Integer, String> g = new Mapped<>(range(4, log), i -> "#" + i * 10);
        assertThat(g.next()).isEqualTo("#0");
        assertThat(g.next()).isEqualTo("#10");
        assertThat(log).isEmpty();
        assertThat(g.next()).isEqualTo("#20");
        assertThat(g.next()).isEqualTo("#30");
        assertThatThrownBy(g::next)
                .isInstanceOfSatisfying(StopIteration.class, s -> assertThat(s.value()).isEqualTo(4));
        assertThat(log).containsExactly("range closed");
    }

    @Test
    void closingTheOuterGeneratorClosesTheInnerOneFromItsFinally() {
        List<String> log = new ArrayList<>();
        Generator<Integer, Void, Void> inner = range(100, log);
        Mapped<Integer, Integer> g = new Mapped<>(inner, i -> -i);
        assertThat(g.next()).isEqualTo(0);
        assertThat(g.next()).isEqualTo(-1);
        assertThat(inner.state()).isEqualTo(State.SUSPENDED);
        g.close();
        assertThat(log).containsExactly("range closed");
        assertThat(inner.state()).isEqualTo(State.CLOSED);
        assertThat(g.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void pipelineOfGeneratorsYieldsLazily() {
        List<String> log = new ArrayList<>();
        Generator<Integer, Void, Void> source = new Generator<>(self -> {
            for (int i = 1; ; i++) {
                log.add("produce " + i);
                self.yield(i);
            }
        });
        Generator<Integer, Void, Void> evens = new Generator<>(self -> {
            for (int v : source) {
                if (v % 2 == 0) {
                    self.yield(v);
                }
            }
            return null;
        });
        Mapped<Integer, String> g = new Mapped<>(evens, v -> "even " + v);
        assertThat(g.next()).isEqualTo("even 2");
        assertThat(g.next()).isEqualTo("even 4");
        assertThat(log).containsExactly("produce 1", "produce 2", "produce 3", "produce 4");
    }

    @Test
    void handWrittenYieldFromPassesSentValuesThroughAndGetsTheInnerReturnValue() {
        // Python 3.11: def inner(n): x = yield n; return x * 2
        //   def outer(): a = yield from inner(1); ...  ->  next -> 1, send(3) -> ... inner returns 6
        Generator<String, String, String> inner = new Generator<>(self -> {
            String x = self.yield("inner 1");
            String y = self.yield("inner got " + x);
            return x + y;
        });
        YieldFrom g = new YieldFrom(inner);
        assertThat(g.next()).isEqualTo("inner 1");
        assertThat(g.send("p")).isEqualTo("inner got p");
        assertThatThrownBy(() -> g.send("q"))
                .isInstanceOfSatisfying(StopIteration.class, s -> assertThat(s.value()).isEqualTo("outer got pq"));
        assertThat(inner.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void recursiveGeneratorsWalkATree() {
        //        4
        //      /   \
        //     2     6
        //    / \     \
        //   1   3     7
        Node tree = new Node(new Node(new Node(null, 1, null), 2, new Node(null, 3, null)), 4,
                new Node(null, 6, new Node(null, 7, null)));
        InOrder g = new InOrder(tree);
        Exhausted<Integer> run = Exhausted.of(g);
        List<Integer> seen = run.yielded();
        assertThat(seen).containsExactly(1, 2, 3, 4, 6, 7);
        assertThat(run.returned()).isEqualTo(6);
    }

    @Test
    void deeplyNestedGeneratorsEachKeepTheirOwnSuspensionPoint() {
        // A degenerate tree (a chain to the left) nests one generator per level, 200 deep.
        Node tree = null;
        for (int v = 1; v <= 200; v++) {
            tree = new Node(tree, v, null);
        }
        List<Integer> seen = new ArrayList<>();
        for (int v : new InOrder(tree)) {
            seen.add(v);
        }
        assertThat(seen).containsExactlyElementsOf(IntStream.rangeClosed(1, 200).boxed().toList());
    }
}
