package weft.generator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void yieldsAndReturns() {
        Generator<Integer, String, String> g = new Generator<>(self -> {
            String a = self.yield(1);
            String b = self.yield(2);
            return a + b;
        });
        assertThat(g.next()).isEqualTo(1);
        assertThat(g.send("x")).isEqualTo(2);
        try {
            g.send("y");
        } catch (StopIteration s) {
            assertThat(s.value()).isEqualTo("xy");
        }
    }
}
