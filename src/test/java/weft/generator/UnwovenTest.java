package weft.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import kilim.Pausable;

/**
 * Code that was never woven (compiled here by javac, as an IDE would) is refused with one line
 * that names the class and how to weave it, where Kilim would run the wrong body or exit the
 * JVM with status 0.
 */
@Timeout(60)
class UnwovenTest {
    @TempDir
    Path dir;

    @Test
    void anUnwovenSubclassIsRefusedNamingIt() throws Exception {
        Class<?> countdown = compileAndLoad("demo.Countdown", """
                package demo;
                public class Countdown extends weft.generator.Generator<Integer, Object, Void> {
                    @Override
                    protected Void body() throws kilim.Pausable {
                        this.yield(1);
                        return null;
                    }
                }
                """);
        assertThatThrownBy(() -> countdown.getConstructor().newInstance())
                .cause()
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("weft: demo.Countdown is not woven, so its Pausable code cannot suspend")
                .hasMessageContaining("dev.weft:weft-maven-plugin")
                .hasMessageContaining("-javaagent:weft-agent.jar");
    }

    @Test
    void anUnwovenBodyLambdaIsRefusedNamingTheClassItIsWrittenIn() throws Exception {
        Class<?> lambdas = compileAndLoad("demo.Lambdas", """
                package demo;
                public class Lambdas {
                    public static Object make() {
                        return new weft.generator.Generator<Integer, Object, Void>(g -> {
                            g.yield(1);
                            return null;
                        });
                    }
                }
                """);
        assertThatThrownBy(() -> lambdas.getMethod("make").invoke(null))
                .cause()
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("weft: demo.Lambdas is not woven");
    }

    @Test
    void wovenCodeIsAccepted() {
        assertThat(new Generator<Integer, Object, Void>(g -> {
            g.yield(7);
            return null;
        }).next()).isEqualTo(7);
    }

    private Class<?> compileAndLoad(String name, String source) throws Exception {
        Path file = dir.resolve(name.substring(name.indexOf('.') + 1) + ".java");
        Files.writeString(file, source);
        Path out = Files.createDirectories(dir.resolve("classes"));
        String classpath = location(Generator.class) + File.pathSeparator + location(Pausable.class);
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null,
                "--release", "17", "-d", out.toString(), "-cp", classpath, file.toString());
        assertThat(status).as("javac").isZero();
        URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader());
        return loader.loadClass(name);
    }

    private static String location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
