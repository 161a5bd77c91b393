package weft.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The goals in a user's build: small projects built offline by a real {@code mvn}, with the
 * plugin just packaged (FixtureBuild). Each run of Maven takes a few seconds.
 */
@Timeout(600)
class WeaveGoalIT {
    private static final String JDK_17 = System.getProperty("java.home");
    private static final Path JDK_25 = Path.of(System.getProperty("weft.jdk25.home", "/usr/lib/jvm/temurin-25-jdk-amd64"));

    /** A Kilim continuation: woven, it prints 3 2 1; unwoven, it silently prints nothing. */
    private static final String COUNTDOWN = """
            package fixture;

            public class Countdown extends kilim.Continuation {
                sealed interface Step permits Tick, Done {}
                record Tick(int value) implements Step {}
                record Done() implements Step {}

                Step step;

                @Override
                public void execute() throws kilim.Pausable {
                    for (int i = 3; i > 0; i--) {
                        step = new Tick(i);
                        kilim.Fiber.yield();
                    }
                    step = new Done();
                }

                public static void main(String[] args) {
                    Countdown countdown = new Countdown();
                    while (!countdown.run()) {
                        if (countdown.step instanceof Tick tick) {
                            System.out.println(tick.value());
                        }
                    }
                }
            }
            """;

    /** Pausable code among the test classes, for weave-tests. */
    private static final String TEST_HELPER = """
            package fixture;

            public class TwiceCheck {
                public void twice() throws kilim.Pausable {
                    kilim.Fiber.yield();
                    kilim.Fiber.yield();
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void weavesMainAndTestClassesThenASecondBuildHasNothingToWeave() throws Exception {
        FixtureBuild build = FixtureBuild.create(dir.resolve("weaves"), "17", "")
                .source("src/main/java/fixture/Countdown.java", COUNTDOWN)
                .source("src/test/java/fixture/TwiceCheck.java", TEST_HELPER);

        FixtureBuild.Result first = build.mvn(JDK_17, "package");
        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output())
                .contains("weft: target/classes: 1 of 5 classes use Pausable, all woven")
                .contains("weft: target/test-classes: 1 of 1 classes use Pausable, all woven");
        assertThat(build.run(JDK_17, "fixture.Countdown")).isEqualTo("3\n2\n1\n");
        assertThat(Files.readString(build.project().resolve("target/test-classes/fixture/TwiceCheck.class"),
                StandardCharsets.ISO_8859_1)).contains("$isWoven");

        FixtureBuild.Result second = build.mvn(JDK_17, "package");
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.output())
                .contains("weft: nothing to weave in target/classes: 1 of 5 classes use Pausable, all woven already")
                .contains("weft: nothing to weave in target/test-classes: 1 of 1 classes use Pausable, all woven already")
                .doesNotContain("all woven\n");
    }

    @Test
    void aClassLeftUnwovenFailsTheBuildNamingTheClassAndMethod() throws Exception {
        FixtureBuild build = FixtureBuild.create(dir.resolve("unwoven"), "17",
                        "<excludes><exclude>fixture/Countdown.class</exclude></excludes>")
                .source("src/main/java/fixture/Countdown.java", COUNTDOWN);

        FixtureBuild.Result result = build.mvn(JDK_17, "package");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output())
                .contains("fixture/Countdown is not woven: execute calls Pausable kilim/Fiber.yield()V")
                .contains("BUILD FAILURE");
    }

    @Test
    void skipLeavesClassesAsCompiled() throws Exception {
        FixtureBuild build = FixtureBuild.create(dir.resolve("skipped"), "17", "")
                .source("src/main/java/fixture/Countdown.java", COUNTDOWN);

        FixtureBuild.Result result = build.mvn(JDK_17, "-Dweft.skip", "compile", "weft:weave");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("weft: weaving skipped (weft.skip)");
        assertThat(Files.readString(build.project().resolve("target/classes/fixture/Countdown.class"),
                StandardCharsets.ISO_8859_1)).doesNotContain("$isWoven");
    }

    @Test
    void weavesRelease25ClassFilesCompiledByJdk25() throws Exception {
        assumeTrue(Files.isExecutable(JDK_25.resolve("bin/javac")),
                "JDK 25 not found at " + JDK_25 + " (set -Dweft.jdk25.home): release 25 class files not tested");
        String modern = COUNTDOWN.replace("""
                        if (countdown.step instanceof Tick tick) {
                            System.out.println(tick.value());
                        }""", """
                        switch (countdown.step) {
                            case Tick(int value) -> System.out.println(value);
                            case Done() -> System.out.println("done");
                        }""");
        FixtureBuild build = FixtureBuild.create(dir.resolve("release25"), "25", "")
                .source("src/main/java/fixture/Countdown.java", modern);

        FixtureBuild.Result result = build.mvn(JDK_25.toString(), "package");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("weft: target/classes: 1 of ").contains("classes use Pausable, all woven");
        byte[] header = Files.readAllBytes(build.project().resolve("target/classes/fixture/Countdown.class"));
        assertThat(header[7]).as("class file major version").isEqualTo((byte) 69);
        assertThat(build.run(JDK_25.toString(), "fixture.Countdown")).isEqualTo("3\n2\n1\n");
    }
}
