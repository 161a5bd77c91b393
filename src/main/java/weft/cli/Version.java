package weft.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import picocli.CommandLine.IVersionProvider;
import weft.transport.Transports;

/**
 * {@code weft --version}: the project version, written into the jar by the build, and the
 * transport this JVM serves through by default (and why not epoll, where it cannot run).
 */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        try (InputStream in = Version.class.getResourceAsStream("/weft/version.txt")) {
            String version = in == null ? "unknown" : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            return new String[] {"weft " + version, Transports.describe()};
        }
    }
}
