package weft.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import weft.testing.EchoClient;
import weft.testing.JarProcess;

/**
 * The one multi-release jar as a process on JDK 17 and JDK 25: which transport it picks
 * (nio on 17, epoll on 25, as {@code --version} says), both serving with nothing on stderr, and
 * {@code --transport} forcing one: one line and exit code 2 where it cannot run.
 */
@Timeout(120)
class TransportIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String JDK17 = "/usr/lib/jvm/java-17-openjdk-amd64";
    private static final String JDK25 = "/usr/lib/jvm/temurin-25-jdk-amd64";

    @Test
    void onJdk17TheJarRunsNioAndSaysWhyNotEpoll() throws Exception {
        JarProcess.Output version = JarProcess.run(java(JDK17), "--version");
        assertThat(version.exitCode()).isZero();
        assertThat(text(version.stderr())).isEmpty();
        assertThat(text(version.stdout())).isEqualTo(
                "weft 0.1.0\ntransport: nio (epoll: it needs Java 22 or later, this is Java 17)\n");
    }

    @Test
    void onJdk25TheJarRunsEpoll() throws Exception {
        JarProcess.Output version = JarProcess.run(java(JDK25), "--version");
        assertThat(version.exitCode()).isZero();
        assertThat(text(version.stderr())).as("no native-access warning: the manifest enables it").isEmpty();
        assertThat(text(version.stdout())).isEqualTo("weft 0.1.0\ntransport: epoll\n");
    }

    @Test
    void forcingEpollOnJdk17IsOneLineAndExitCodeTwo() throws Exception {
        JarProcess.Output forced = JarProcess.run(java(JDK17), "--transport", "epoll", "--port", "0");
        assertThat(forced.exitCode()).isEqualTo(2);
        assertThat(text(forced.stdout())).isEmpty();
        assertThat(text(forced.stderr())).isEqualTo(
                "weft: the epoll transport cannot run here: it needs Java 22 or later, this is Java 17\n");
    }

    @Test
    void anUnknownTransportIsAUsageError() throws Exception {
        try (JarProcess weft = JarProcess.start("--transport", "io_uring")) {
            assertThat(weft.waitFor(WAIT)).isEqualTo(2);
            assertThat(weft.stderr.all().get(0))
                    .isEqualTo("weft: Invalid value for option '--transport': 'io_uring' is neither nio nor epoll");
        }
    }

    @ParameterizedTest(name = "--transport {0} on JDK 25")
    @ValueSource(strings = {"nio", "epoll"})
    void onJdk25EitherTransportServesAndDrainsWithNothingOnStderr(String transport) throws Exception {
        try (JarProcess server = JarProcess.startWith(java(JDK25), List.of(), "--port", "0", "--transport", transport)) {
            int port = server.awaitListening();
            assertThat(server.stdout.all().get(0)).isEqualTo("Listening on ('::', " + port + ", 0, 0)");
            try (EchoClient client = EchoClient.connect(port)) {
                assertThat(client.roundTrip("GOT:", "through " + transport)).isEqualTo("GOT:through " + transport);
            }
            server.stdout.await("Task done", WAIT);
            server.signal("TERM");
            assertThat(server.waitFor(WAIT)).isZero();
            assertThat(server.stdout.all()).last().asString().startsWith("Served 1 connections");
            assertThat(server.stderr.all()).isEmpty();
        }
    }

    private static String java(String jdk) {
        Path java = Path.of(jdk, "bin", "java");
        assumeTrue(Files.isExecutable(java), "no JDK at " + jdk);
        return java.toString();
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
