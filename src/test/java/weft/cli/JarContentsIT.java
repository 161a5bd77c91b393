package weft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;

import weft.testing.JarProcess;

/** What ships in target/weft.jar: woven classes, weft's manifest, no weaving machinery. */
class JarContentsIT {

    @Test
    void manifestIsWeftsAndKilimsEntriesAreDropped() throws IOException {
        try (JarFile jar = new JarFile(JarProcess.jar().toFile())) {
            Attributes main = jar.getManifest().getMainAttributes();
            assertThat(main.getValue("Main-Class")).isEqualTo("weft.cli.Main");
            assertThat(main.getValue("Premain-Class")).as("Kilim's agent entry").isNull();
        }
    }

    @Test
    void noAsmNorKilimWeaverInside() throws IOException {
        try (JarFile jar = new JarFile(JarProcess.jar().toFile())) {
            List<String> names = Collections.list(jar.entries()).stream().map(JarEntry::getName).toList();
            assertThat(names).noneMatch(name -> name.startsWith("org/objectweb/asm/"));
            assertThat(names).noneMatch(name -> name.startsWith("kilim/analysis/") || name.startsWith("kilim/tools/"));
            assertThat(names).contains("kilim/Continuation.class", "kilim/Fiber.class", "weft/cli/Main.class");
        }
    }

    @Test
    void everyClassThatDeclaresPausableMethodsIsWoven() throws IOException {
        List<String> pausable = new ArrayList<>();
        List<String> unwoven = new ArrayList<>();
        try (JarFile jar = new JarFile(JarProcess.jar().toFile())) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                if (entry.getName().startsWith("weft/") && entry.getName().endsWith(".class")) {
                    // Constant-pool strings are stored as modified UTF-8: ASCII names read as is.
                    String bytes = new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.ISO_8859_1);
                    if (bytes.contains("kilim/Pausable")) {
                        pausable.add(entry.getName());
                        if (!bytes.contains("$isWoven")) {
                            unwoven.add(entry.getName());
                        }
                    }
                }
            }
        }
        assertThat(pausable).contains("weft/net/EchoHandler.class", "weft/generator/Generator.class");
        assertThat(unwoven).isEmpty();
    }
}
