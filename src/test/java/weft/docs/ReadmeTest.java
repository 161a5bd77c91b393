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
 * it quotes, "Use weft in your project" is the example project's pom, in full, and "Write your
 * own tasks" shows code that a test runs.
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
    void writeYourOwnTasksQuotesCodeThatATestRuns() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("## Write your own tasks"), readme.indexOf("## How it works"));
        String source = Files.readString(Path.of("src/test/java/weft/docs/WriteYourOwnTasksTest.java"));
        Matcher quoted = Pattern.compile("// README: \\w+\n(.*?)\n\\s*// README: end", Pattern.DOTALL).matcher(source);
        int blocks = 0;
        while (quoted.find()) {
            String code = unindent(quoted.group(1));
            assertThat(section).as("README shows the block of WriteYourOwnTasksTest").contains("```java\n" + code + "\n```");
            blocks++;
        }
        assertThat(blocks).isEqualTo(3);
    }

    /** The lines without the indentation they share. */
    private static String unindent(String code) {
        int indent = code.lines().filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
        return String.join("\n", code.lines().map(line -> line.isBlank() ? "" : line.substring(indent)).toList());
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
