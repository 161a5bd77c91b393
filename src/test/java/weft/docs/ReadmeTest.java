package weft.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The README quotes the code: its "How it works" table points at lines that must still say what
 * it quotes, and "Use weft in your project" is the example project's pom, in full.
 */
class ReadmeTest {
    // [`Generator.java:86`](src/main/java/weft/generator/Generator.java#L86) `Fiber.yield();`
    private static final Pattern POINTER = Pattern.compile("\\[`[^`]+`\\]\\(([^)#]+)#L(\\d+)\\) `([^`]+)`");

    @Test
    void everyLinePointerInTheReadmeQuotesItsLine() throws IOException {
        Matcher pointers = POINTER.matcher(Files.readString(Path.of("README.md")));
        int checked = 0;
        while (pointers.find()) {
            List<String> lines = Files.readAllLines(Path.of(pointers.group(1)));
            int line = Integer.parseInt(pointers.group(2));
            assertThat(lines.get(line - 1)).as("%s line %d", pointers.group(1), line).contains(pointers.group(3));
            checked++;
        }
        assertThat(checked).as("line pointers found in README.md").isGreaterThanOrEqualTo(8);
    }

    @Test
    void useWeftInYourProjectShowsTheExamplesPomInFull() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("## Use weft in your project"));
        String start = "```xml\n";
        int from = section.indexOf(start) + start.length();
        String shown = section.substring(from, section.indexOf("```\n", from));
        assertThat(shown).isEqualTo(Files.readString(Path.of("examples/generators/pom.xml")));
    }
}
