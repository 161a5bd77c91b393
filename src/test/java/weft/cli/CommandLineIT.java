package weft.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import weft.testing.JarProcess;
import weft.transport.Transports;

/** What the user types, and what the jar answers: output, errors, exit codes. */
@Timeout(120)
class CommandLineIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String JDK25 = "/usr/lib/jvm/temurin-25-jdk-amd64";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            --bogus                       | weft: Unknown option: '--bogus'
            --port abc                    | weft: Invalid value for option '--port': 'abc' is not an int
            --port 70000                  | weft: Invalid value for option '--port': 70000 is not a port number (0 to 65535)
            --port -1                     | weft: Invalid value for option '--port': -1 is not a port number (0 to 65535)
            --backlog 0                   | weft: Invalid value for option '--backlog': 0 is not at least 1
            --max-connections -5          | weft: Invalid value for option '--max-connections': -5 is negative
            --idle-timeout soon           | weft: Invalid value for option '--idle-timeout': 'soon' is not a number of seconds
            --drain-timeout -1            | weft: Invalid value for option '--drain-timeout': '-1' is not a number of seconds from 0 to 1e9
            --port                        | weft: Missing required parameter for option '--port' (PORT)
            chat --port 70000             | weft: Invalid value for option '--port': 70000 is not a port number (0 to 65535)
            chat --prefix x               | weft: Unknown options: '--prefix', 'x'
            chat --drain-timeout soon     | weft: Invalid value for option '--drain-timeout': 'soon' is not a number of seconds
            """)
    void badOptionOrValueIsOneLinePlusUsageAndExitCodeTwo(String arguments, String error) throws Exception {
        try (JarProcess weft = JarProcess.start(arguments.split(" "))) {
            assertThat(weft.waitFor(WAIT)).isEqualTo(2);
            List<String> err = weft.stderr.all();
            assertThat(err.get(0)).isEqualTo(error);
            assertThat(err.get(1)).startsWith("Usage: weft ");
            assertThat(String.join("\n", err)).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(weft.stdout.all()).isEmpty();
        }
    }

    @Test
    void prefixLongerThanTheHeadroomIsAUsageError() throws Exception {
        try (JarProcess weft = JarProcess.start("--prefix", "x".repeat(65))) {
            assertThat(weft.waitFor(WAIT)).isEqualTo(2);
            assertThat(weft.stderr.all().get(0)).endsWith("is 65 bytes, more than 64");
        }
    }

    @Test
    void unresolvableHostIsOneLineAndExitCodeOne() throws Exception {
        try (JarProcess weft = JarProcess.start("--host", "no-such-host.invalid", "--port", "0")) {
            assertThat(weft.waitFor(WAIT)).isEqualTo(1);
            assertThat(weft.stderr.all()).containsExactly("weft: cannot resolve host 'no-such-host.invalid'");
        }
    }

    @Test
    void lowPortWithoutPrivilegeIsOneLineAndExitCodeOne() throws Exception {
        List<String> unprivileged = List.of();
        if ("root".equals(System.getProperty("user.name"))) {
            assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv is needed to drop root's privilege");
            unprivileged = List.of("setpriv", "--bounding-set", "-net_bind_service", "--inh-caps", "-net_bind_service",
                    "--");
        }
        // readAllLines, not readString: procfs reports a size of 0, and readString stops short.
        int firstUnprivileged = Integer.parseInt(
                Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_unprivileged_port_start")).get(0).trim());
        assumeTrue(firstUnprivileged > 81, "port 81 is not privileged on this machine");
        try (JarProcess weft = JarProcess.startWith(JarProcess.javaBin(System.getProperty("java.home")), unprivileged,
                "--port", "81")) {
            assertThat(weft.waitFor(WAIT)).isEqualTo(1);
            assertThat(weft.stderr.all()).containsExactly(
                    "weft: permission denied to listen on port 81 (ports below 1024 need root or CAP_NET_BIND_SERVICE)");
        }
    }

    @Test
    void helpAndVersionExitZero() throws Exception {
        try (JarProcess help = JarProcess.start("--help")) {
            assertThat(help.waitFor(WAIT)).isZero();
            assertThat(help.stdout.all()).first().asString().startsWith("Usage: weft ");
            assertThat(help.stdout.all()).contains("      --idle-timeout=SECONDS", "  2   usage error: unknown option or bad value");
        }
        try (JarProcess version = JarProcess.start("--version")) {
            assertThat(version.waitFor(WAIT)).isZero();
            assertThat(version.stdout.all()).hasSize(2).first().isEqualTo("weft 0.1.0");
            assertThat(version.stdout.all().get(1)).startsWith("transport: " + Transports.defaultTransport().name());
        }
    }

    @Test
    void multitaskPrintsTheSeedsTranscriptByteForByte() throws Exception {
        assertThat(multitaskOutput(JarProcess.javaBin(System.getProperty("java.home")))).isEqualTo(expectedTranscript());
    }

    @Test
    void jarRunsOnJdk25WithoutWarnings() throws Exception {
        Path java25 = Path.of(JDK25, "bin", "java");
        assumeTrue(Files.isExecutable(java25), "JDK 25 is not installed at " + JDK25);
        assertThat(multitaskOutput(java25.toString())).isEqualTo(expectedTranscript());

        try (JarProcess server = JarProcess.startWith(java25.toString(), List.of(), "--port", "0")) {
            int port = server.awaitListening();
            try (weft.testing.EchoClient client = weft.testing.EchoClient.connect(port)) {
                assertThat(client.roundTrip("GOT:", "on 25")).isEqualTo("GOT:on 25");
            }
            server.stdout.await("Task done", WAIT);
            server.signal("TERM");
            assertThat(server.waitFor(WAIT)).isZero();
            assertThat(server.stderr.all()).as("warnings on stderr").isEmpty();
        }
    }

    private static byte[] multitaskOutput(String java) throws Exception {
        JarProcess.Output multitask = JarProcess.run(java, "multitask");
        assertThat(multitask.exitCode()).isZero();
        assertThat(new String(multitask.stderr(), StandardCharsets.UTF_8)).as("stderr").isEmpty();
        return multitask.stdout();
    }

    private static byte[] expectedTranscript() throws Exception {
        try (InputStream in = CommandLineIT.class.getResourceAsStream("/seed/multitask.expected.txt")) {
            return in.readAllBytes();
        }
    }
}
