package io.cikit.notify.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cikit.notify.slack.internal.SlackMessage;

/** Asserts a rendered Slack message keeps every documented limit and never holds a cut link or surrogate. */
final class SlackLimitsCheck {
    private SlackLimitsCheck() {
    }

    static void assertWithinLimits(JsonNode message) {
        int total = 0;
        String top = message.path("text").asText();
        assertThat(top.length()).isLessThanOrEqualTo(SlackMessage.MAX_TOP_TEXT);
        assertWellFormed(top);
        total += top.length();
        JsonNode blocks = message.path("blocks");
        assertThat(blocks.size()).isBetween(1, SlackMessage.MAX_BLOCKS);
        for (JsonNode block : blocks) {
            switch (block.path("type").asText()) {
                case "header" -> {
                    String t = block.path("text").path("text").asText();
                    assertThat(t.length()).isLessThanOrEqualTo(SlackMessage.MAX_HEADER);
                    assertNoLoneSurrogate(t);
                    total += t.length();
                }
                case "section" -> {
                    if (block.has("text")) {
                        String t = block.path("text").path("text").asText();
                        assertThat(t.length()).isLessThanOrEqualTo(SlackMessage.MAX_SECTION_TEXT);
                        assertWellFormed(t);
                        total += t.length();
                    }
                    JsonNode fields = block.path("fields");
                    assertThat(fields.size()).isLessThanOrEqualTo(SlackMessage.MAX_FIELDS);
                    for (JsonNode f : fields) {
                        String t = f.path("text").asText();
                        assertThat(t.length()).isLessThanOrEqualTo(SlackMessage.MAX_FIELD_TEXT);
                        assertWellFormed(t);
                        total += t.length();
                    }
                }
                case "context" -> {
                    for (JsonNode e : block.path("elements")) {
                        String t = e.path("text").asText();
                        assertThat(t.length()).isLessThanOrEqualTo(SlackMessage.MAX_CONTEXT_TEXT);
                        assertWellFormed(t);
                        total += t.length();
                    }
                }
                default -> throw new AssertionError("unexpected block " + block);
            }
        }
        assertThat(total).isLessThanOrEqualTo(SlackMessage.DEFAULT_BUDGET);
    }

    /** Every {@code <} opens a link or mention closed by {@code >} before the next {@code <}; no lone surrogate. */
    static void assertWellFormed(String text) {
        assertNoLoneSurrogate(text);
        int open = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '<') {
                assertThat(open).as("nested or unclosed '<' in %s", text).isEqualTo(-1);
                open = i;
            } else if (c == '>') {
                assertThat(open).as("'>' without '<' in %s", text).isNotEqualTo(-1);
                open = -1;
            }
        }
        assertThat(open).as("unclosed link in %s", text).isEqualTo(-1);
    }

    static void assertNoLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                assertThat(i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)))
                        .as("lone high surrogate at %d", i).isTrue();
                i++;
            } else {
                assertThat(Character.isLowSurrogate(c)).as("lone low surrogate at %d", i).isFalse();
            }
        }
    }
}
