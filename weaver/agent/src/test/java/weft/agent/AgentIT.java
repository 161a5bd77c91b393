package weft.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.tools.ToolProvider;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generator program compiled by plain javac, never woven, run as an IDE runs it: with
 * {@code -javaagent:weft-agent.jar} it works; without, it stops at once with one line that names
 * the class and how to weave it.
 */
@Timeout(120)
class AgentIT {
    private static final Path JDK_25 = Path.of(System.getProperty("weft.jdk25.home", "/usr/lib/jvm/temurin-25-jdk-amd64"));
    private static final String EXPECTED = "3\n2\n1\nliftoff\nready\ngot a\ngot b\n";

    @TempDir
    static Path dir;

    private static Path classes;

    @BeforeAll
    static void compileWithPlainJavac() throws Exception {
        Path source = dir.resolve("Countdown.java");
        Files.writeString(source, """
                package demo;

                import weft.generator.Generator;
                import weft.generator.StopIteration;

                /** A subclass generator, a lambda one, and a Pausable helper in another class. */
                public class Countdown extends Generator<Integer, Object, String> {
                    private final int from;

                    public Countdown(int from) {
                        this.from = from;
                    }

                    @Override
                    protected String body() throws kilim.Pausable {
                        for (int i = from; i > 0; i--) {
                            Helper.yieldTwiceIfEven(this, i);
                        }
                        return "liftoff";
                    }

                    public static void main(String[] args) {
                        Countdown countdown = new Countdown(3);
                        try {
                            while (true) {
                                System.out.println(countdown.next());
                            }
                        } catch (StopIteration end) {
                            System.out.println(end.value());
                        }
                        Generator<String, String, Void> echo = new Generator<>(g -> {
                            String got = g.yield("ready");
                            while (true) {
                                got = g.yield("got " + got);
                            }
                        });
                        System.out.println(echo.next());
                        System.out.println(echo.send("a"));
                        System.out.println(echo.send("b"));
                    }
                }

                class Helper {
                    static void yieldTwiceIfEven(Generator<Integer, Object, String> g, int i) throws kilim.Pausable {
                        g.yield(i);
                    }
                }
                """);
        classes = Files.createDirectories(dir.resolve("classes"));
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "17",
                "-d", classes.toString(), "-cp", libraries(), source.toString());
        assertThat(status).as("javac").isZero();
    }

    @Test
    void withTheAgentAnUnwovenGeneratorRuns() throws Exception {
        Run run = java(System.getProperty("java.home"), "-javaagent:" + System.getProperty("weft.agent.jar"));
        assertThat(run.stderr()).isEmpty();
        assertThat(run.stdout()).isEqualTo(EXPECTED);
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void withTheAgentItRunsOnJdk25Too() throws Exception {
        assumeTrue(Files.isExecutable(JDK_25.resolve("bin/java")), "JDK 25 not found at " + JDK_25 + ": not tested");
        Run run = java(JDK_25.toString(), "-javaagent:" + System.getProperty("weft.agent.jar"));
        assertThat(run.stdout()).isEqualTo(EXPECTED);
        assertThat(run.exitCode()).as(run.stderr()).isZero();
    }

    @Test
    void verboseNamesEachClassItWeaves() throws Exception {
        Run run = java(System.getProperty("java.home"), "-javaagent:" + System.getProperty("weft.agent.jar") + "=verbose");
        assertThat(run.stderr()).contains("weft-agent: wove demo.Countdown", "weft-agent: wove demo.Helper");
        assertThat(run.stdout()).isEqualTo(EXPECTED);
    }

    @Test
    void withoutTheAgentItFailsWithOneLineNamingTheClass() throws Exception {
        Run run = java(System.getProperty("java.home"));
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr())
                .contains("java.lang.IllegalStateException: weft: demo.Countdown is not woven,")
                .contains("-javaagent:weft-agent.jar")
                .doesNotContain("Task has either not been woven");
    }

    private record Run(int exitCode, String stdout, String stderr) {}

    private static Run java(String javaHome, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(javaHome, "bin", "java").toString()));
        command.addAll(List.of(options));
        command.addAll(List.of("-cp", classes + File.pathSeparator + libraries(), "demo.Countdown"));
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within 60 s");
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static String libraries() {
        return System.getProperty("weft.library.jar") + File.pathSeparator + System.getProperty("weft.kilim.jar");
    }
}
