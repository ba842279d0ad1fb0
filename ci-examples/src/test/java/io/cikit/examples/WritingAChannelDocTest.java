package io.cikit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code docs/writing-a-channel.md} quotes the Discord example as it compiles: every Java block is in its source. */
class WritingAChannelDocTest {
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyJavaSnippetIsQuotedFromTheDiscordExample() throws IOException {
        String page = Files.readString(Path.of("..", "docs", "writing-a-channel.md"));
        StringBuilder sources = new StringBuilder();
        for (String file : List.of("src/main/java/io/cikit/examples/discord/DiscordChannel.java",
                "src/main/java/io/cikit/examples/discord/DiscordChannelProvider.java",
                "src/main/java/io/cikit/examples/discord/DiscordMessage.java",
                "src/test/java/io/cikit/examples/discord/DiscordChannelTest.java")) {
            sources.append(normalised(Files.readString(Path.of(file)))).append('\n');
        }
        List<String> blocks = new ArrayList<>();
        Matcher m = JAVA_BLOCK.matcher(page);
        while (m.find()) {
            blocks.add(m.group(1));
        }

        assertThat(blocks).hasSizeGreaterThanOrEqualTo(6);
        for (String block : blocks) {
            assertThat(sources.toString()).as("snippet quoted from the example").contains(normalised(block));
        }
    }

    private static String normalised(String code) {
        return Arrays.stream(code.split("\n")).map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining("\n"));
    }
}
