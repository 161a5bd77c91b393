package weft.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import weft.generator.fixtures.ThreeDeep;

/** suspendedStack: where a suspended body is, frame by frame, at the line of the call it waits in. */
class SuspendedStackTest {
    private static final Path FIXTURE = Path.of("src/test/java/weft/generator/fixtures/ThreeDeep.java");

    @Test
    void aBodySuspendedThreeCallsDeepShowsEachFrameAtTheLineOfItsCallInnermostFirst() throws IOException {
        ThreeDeep deep = new ThreeDeep();
        deep.next();

        assertThat(frames(deep.suspendedStack())).containsExactly(
                yieldFrame(),
                "weft.generator.fixtures.ThreeDeep.inner(ThreeDeep.java:" + line("inner, first") + ")",
                "weft.generator.fixtures.ThreeDeep.middle(ThreeDeep.java:" + line("middle") + ")",
                "weft.generator.fixtures.ThreeDeep.outer(ThreeDeep.java:" + line("outer") + ")",
                "weft.generator.fixtures.ThreeDeep.body(ThreeDeep.java:" + line("body") + ")");
    }

    @Test
    void theStackFollowsTheBodyToItsNextYield() throws IOException {
        ThreeDeep deep = new ThreeDeep();
        deep.next();
        deep.next();
        assertThat(frames(deep.suspendedStack())).element(1)
                .isEqualTo("weft.generator.fixtures.ThreeDeep.inner(ThreeDeep.java:" + line("inner, second") + ")");
    }

    @Test
    void aLambdaBodyShowsTheLambdaAtItsYield() {
        Generator<Integer, Object, Void> counting = new Generator<>(self -> {
            self.yield(1);
            self.yield(2); // the second yield: the line below is this one's
            return null;
        });
        int secondYield = new Throwable().getStackTrace()[0].getLineNumber() - 3;
        counting.next();
        counting.next();

        List<String> frames = frames(counting.suspendedStack());
        assertThat(frames.get(0)).isEqualTo(yieldFrame());
        assertThat(frames.get(1)).startsWith("weft.generator.SuspendedStackTest.lambda$")
                .endsWith("(SuspendedStackTest.java:" + secondYield + ")");
    }

    @Test
    void aGeneratorThatIsNotSuspendedHasNoStack() {
        ThreeDeep deep = new ThreeDeep();
        assertThat(deep.suspendedStack()).as("not started").isEmpty();
        deep.next();
        deep.next();
        assertThatEndsAndHasNoStack(deep);
    }

    private static void assertThatEndsAndHasNoStack(ThreeDeep deep) {
        try {
            deep.next();
        } catch (StopIteration ended) {
            assertThat(deep.suspendedStack()).as("finished").isEmpty();
            return;
        }
        throw new AssertionError("the body should have ended");
    }

    private static String yieldFrame() {
        try {
            List<String> source = Files.readAllLines(Path.of("src/main/java/weft/generator/Generator.java"));
            for (int i = 0; i < source.size(); i++) {
                if (source.get(i).contains("Fiber.yield(); // the body suspends here")) {
                    return "weft.generator.Generator.yield(Generator.java:" + (i + 1) + ")";
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("Generator.yield's Fiber.yield() line not found");
    }

    private static int line(String marker) throws IOException {
        List<String> source = Files.readAllLines(FIXTURE);
        for (int i = 0; i < source.size(); i++) {
            if (source.get(i).endsWith("// where: " + marker)) {
                return i + 1;
            }
        }
        throw new AssertionError("no marker " + marker);
    }

    private static List<String> frames(List<StackTraceElement> stack) {
        return stack.stream().map(StackTraceElement::toString).toList();
    }
}
