package weft.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A small Maven project that uses this plugin, built by a real {@code mvn -o} in its own process,
 * as a user's build would run it.
 *
 * <p>The nested build must find the plugin just packaged, not an older one installed earlier,
 * and must not touch the network. So it gets a local repository of its own: the freshly built
 * weft artifacts copied in, and every other entry a symbolic link into the outer build's local
 * repository, which already holds everything a fixture needs (Kilim, the compiler plugin, ...).
 */
final class FixtureBuild {
    private static Path repository;

    private final Path project;

    private FixtureBuild(Path project) {
        this.project = project;
    }

    /** A project with this pom body (the part inside {@code <build><plugins>}'s weft plugin). */
    static FixtureBuild create(Path project, String release, String weftConfiguration) throws IOException {
        Files.createDirectories(project);
        Files.writeString(project.resolve("pom.xml"), POM.replace("@release@", release)
                .replace("@weft.version@", System.getProperty("weft.version"))
                .replace("@configuration@", weftConfiguration));
        return new FixtureBuild(project);
    }

    FixtureBuild source(String path, String code) throws IOException {
        Path file = project.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, code);
        return this;
    }

    Path project() {
        return project;
    }

    record Result(int exitCode, String output) {}

    /** {@code mvn -o GOALS} on the JDK at javaHome; at most three minutes. */
    Result mvn(String javaHome, String... goals) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("weft.maven.home"), "bin", "mvn").toString(),
                "-o", "-B", "-ntp", "-Dmaven.repo.local=" + repository(), "-f", project.resolve("pom.xml").toString()));
        command.addAll(List.of(goals));
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(project.resolve("build.log").toFile());
        builder.environment().put("JAVA_HOME", javaHome);
        builder.environment().remove("MAVEN_OPTS");
        Process mvn = builder.start();
        if (!mvn.waitFor(180, TimeUnit.SECONDS)) {
            mvn.destroyForcibly();
            throw new AssertionError("mvn " + goals + " did not finish within 180 s in " + project);
        }
        return new Result(mvn.exitValue(), Files.readString(project.resolve("build.log")));
    }

    /** {@code java -cp target/classes:kilim.jar MAIN} on the JDK at javaHome: its output. */
    String run(String javaHome, String mainClass) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(Path.of(javaHome, "bin", "java").toString(), "-cp",
                project.resolve("target/classes") + File.pathSeparator + System.getProperty("weft.kilim.jar"),
                mainClass).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", mainClass).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private static synchronized Path repository() throws IOException {
        if (repository == null) {
            Path root = Path.of("target", "it-repository").toAbsolutePath();
            deleteTree(root);
            linkEntries(Path.of(System.getProperty("weft.local.repository")), root, "dev");
            linkEntries(Path.of(System.getProperty("weft.local.repository"), "dev"), root.resolve("dev"), "weft");
            install(root, "weft-build", System.getProperty("weft.build.pom"), null);
            install(root, "weft-weaver", System.getProperty("weft.weaver.pom"), System.getProperty("weft.weaver.jar"));
            install(root, "weft-maven-plugin", System.getProperty("weft.plugin.pom"), System.getProperty("weft.plugin.jar"));
            repository = root;
        }
        return repository;
    }

    /** Links every entry of from into to, but the one named except (made a real directory). */
    private static void linkEntries(Path from, Path to, String except) throws IOException {
        Files.createDirectories(to.resolve(except));
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> entries = Files.list(from)) {
            for (Path entry : entries.toList()) {
                if (!entry.getFileName().toString().equals(except)) {
                    Files.createSymbolicLink(to.resolve(entry.getFileName().toString()), entry);
                }
            }
        }
    }

    private static void install(Path repository, String artifactId, String pom, String jar) throws IOException {
        String version = System.getProperty("weft.version");
        Path dir = Files.createDirectories(repository.resolve(Path.of("dev", "weft", artifactId, version)));
        Files.copy(Path.of(pom), dir.resolve(artifactId + "-" + version + ".pom"), StandardCopyOption.REPLACE_EXISTING);
        if (jar != null) {
            Files.copy(Path.of(jar), dir.resolve(artifactId + "-" + version + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static final String POM = """
            <?xml version="1.0" encoding="UTF-8"?>
            <project xmlns="http://maven.apache.org/POM/4.0.0">
              <modelVersion>4.0.0</modelVersion>
              <groupId>fixture</groupId>
              <artifactId>fixture</artifactId>
              <version>1</version>
              <properties>
                <maven.compiler.release>@release@</maven.compiler.release>
                <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
              </properties>
              <dependencies>
                <dependency>
                  <groupId>org.db4j</groupId>
                  <artifactId>kilim</artifactId>
                  <version>2.0.2</version>
                  <exclusions>
                    <exclusion>
                      <groupId>org.ow2.asm</groupId>
                      <artifactId>*</artifactId>
                    </exclusion>
                  </exclusions>
                </dependency>
              </dependencies>
              <build>
                <plugins>
                  <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
                  <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin>
                  <plugin><artifactId>maven-surefire-plugin</artifactId><version>3.5.2</version></plugin>
                  <plugin><artifactId>maven-jar-plugin</artifactId><version>3.4.2</version></plugin>
                  <plugin>
                    <groupId>dev.weft</groupId>
                    <artifactId>weft-maven-plugin</artifactId>
                    <version>@weft.version@</version>
                    <configuration>@configuration@</configuration>
                    <executions>
                      <execution>
                        <goals>
                          <goal>weave</goal>
                          <goal>weave-tests</goal>
                        </goals>
                      </execution>
                    </executions>
                  </plugin>
                </plugins>
              </build>
            </project>
            """;
}
