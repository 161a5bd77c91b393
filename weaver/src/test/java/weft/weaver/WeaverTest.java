package weft.weaver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The weaving step of weaver/, run as the build runs it (its own JVM) on classes compiled here:
 * it weaves modern class files with the official Kilim jar, and fails, naming the class, when a
 * class that uses Pausable is left unwoven.
 */
@Timeout(120)
class WeaverTest {
    @TempDir
    Path dir;

    @Test
    void checkNamesAClassThatCallsAPausableMethodUnwoven() throws Exception {
        Path classes = compile("""
                package fixture;
                public class Unwoven {
                    public void run() throws kilim.Pausable { kilim.Fiber.yield(); }
                }
                """);
        Result check = weaver("--check-only", classes.toString());
        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.stderr()).contains(
                "weft-weaver: fixture/Unwoven is not woven: run calls Pausable kilim/Fiber.yield()V");
    }

    @Test
    void checkFindsPausableMethodsInheritedFromAnotherClass() throws Exception {
        Path classes = compile("""
                package fixture;
                public class Base {
                    public int step() throws kilim.Pausable { kilim.Fiber.yield(); return 1; }
                }
                """, """
                package fixture;
                public class Derived extends Base { }
                """, """
                package fixture;
                public class Caller {
                    public int go(Derived d) throws kilim.Pausable { return d.step(); }
                }
                """);
        Result check = weaver("--check-only", classes.toString());
        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.stderr()).contains("fixture/Caller is not woven: go calls Pausable fixture/Derived.step()I");
    }

    @Test
    void weavesRecordsSealedTypesAndLambdasWithTheOfficialKilimJar() throws Exception {
        Path classes = compile("""
                package fixture;
                public sealed interface Shape permits Shape.Square, Shape.Circle {
                    record Square(int side) implements Shape {}
                    record Circle(int radius) implements Shape {}
                }
                """, """
                package fixture;
                import java.util.function.Supplier;
                public class Modern {
                    public int area(Shape shape) throws kilim.Pausable {
                        kilim.Fiber.yield();
                        Supplier<Integer> later = () -> shape instanceof Shape.Square s ? s.side() * s.side() : 3;
                        return later.get();
                    }
                }
                """);
        Result weave = weaver(classes.toString());
        assertThat(weave.exitCode()).as(weave.stderr()).isZero();
        assertThat(weave.stdout()).contains(classes + ": 1 of ");
        assertThat(weave.stdout()).contains("classes use Pausable, all woven");
        assertThat(weaver("--check-only", classes.toString()).exitCode()).isZero();
        assertThat(Files.readAllBytes(classes.resolve("fixture/Modern.class")))
                .asString(StandardCharsets.ISO_8859_1).contains("$isWoven");
    }

    @Test
    void kilimsOwnRejectionFailsTheBuildNamingTheClass() throws Exception {
        Path classes = compile("""
                package fixture;
                public class Misuse {
                    public synchronized void locked() throws kilim.Pausable { kilim.Fiber.yield(); }
                }
                """);
        Result weave = weaver(classes.toString());
        assertThat(weave.exitCode()).isNotZero();
        assertThat(weave.stdout() + weave.stderr()).contains("fixture.Misuse").doesNotContain("all woven");
    }

    @Test
    void badArgumentsAreAUsageError() throws Exception {
        Result result = weaver("--frobnicate");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).startsWith("weft-weaver: unexpected argument '--frobnicate'");
    }

    private Path compile(String... sources) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src"));
        Path out = Files.createDirectories(dir.resolve("classes"));
        List<String> arguments = new ArrayList<>(List.of("--release", "17", "-d", out.toString(), "-cp", kilimJar()));
        for (String source : sources) {
            String name = source.replaceAll("(?s).*public (?:sealed )?(?:class|interface|record) (\\w+).*", "$1");
            Path file = src.resolve(name + ".java");
            Files.writeString(file, source);
            arguments.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, arguments.toArray(String[]::new))).as("javac").isZero();
        return out;
    }

    private record Result(int exitCode, String stdout, String stderr) {}

    private Result weaver(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("weft.weaver.classpath"), "weft.weaver.Weave", "--kilim", kilimJar(),
                "--classpath", kilimJar()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(dir.resolve("stderr").toFile())
                .redirectOutput(dir.resolve("stdout").toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), Files.readString(dir.resolve("stdout")),
                Files.readString(dir.resolve("stderr")));
    }

    private static String kilimJar() {
        return System.getProperty("weft.kilim.jar");
    }
}
