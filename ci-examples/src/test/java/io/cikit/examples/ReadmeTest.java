package io.cikit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README quotes code that compiles: its embedding snippet must be the example's source, line for line. */
class ReadmeTest {

    @Test
    void theReadmeEmbeddingSnippetIsTheCompiledExample() throws IOException {
        String source = Files.readString(Path.of("src/main/java/io/cikit/examples/EmbeddingExample.java"));
        String tagged = source.substring(source.indexOf("// tag::embedding[]") + "// tag::embedding[]".length(),
                source.indexOf("// end::embedding[]"));
        String snippet = Arrays.stream(tagged.split("\n"))
                .map(l -> l.startsWith("    ") ? l.substring(4) : l.strip())
                .collect(Collectors.joining("\n")).strip();
        String readme = Files.readString(Path.of("..", "README.md"));

        assertThat(readme).contains(snippet);
    }
}
