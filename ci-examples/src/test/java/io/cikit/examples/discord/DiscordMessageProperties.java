package io.cikit.examples.discord;

import static org.assertj.core.api.Assertions.assertThat;

import io.cikit.core.json.Json;
import io.cikit.core.notify.Notification;
import io.cikit.core.notify.Severity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Whatever the notification, the Discord message stays within every limit, whole characters only. */
class DiscordMessageProperties {

    @Provide
    Arbitrary<String> text() {
        // mostly short, sometimes far over every limit; any char, so lone surrogates and emoji pairs both occur
        Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(300);
        Arbitrary<String> pairs = Arbitraries.of("😀", "🚀", "ü", "中", "a", " ").list().ofMinSize(1).ofMaxSize(50)
                .map(l -> String.join("", l).repeat(100));
        return Arbitraries.oneOf(any, any, any, pairs);
    }

    @Provide
    Arbitrary<Notification> notifications() {
        Arbitrary<String> text = text();
        Arbitrary<Map<String, String>> metadata = Arbitraries.maps(
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(Notification.MAX_METADATA_KEY), text)
                .ofMaxSize(Notification.MAX_METADATA_ENTRIES);
        return Combinators.combine(text, text, metadata, Arbitraries.of(Severity.class), text.optional(), text.optional())
                .as((title, message, meta, severity, testId, failureId) -> {
                    Notification.Builder b = Notification.builder().title("t" + title).message(message).severity(severity)
                            .channels("discord").metadata(meta);
                    testId.filter(t -> !t.isEmpty()).map(t -> t.substring(0, Math.min(t.length(), Notification.MAX_ID)))
                            .ifPresent(b::testId);
                    failureId.filter(t -> !t.isEmpty()).map(t -> t.substring(0, Math.min(t.length(), Notification.MAX_ID)))
                            .ifPresent(b::failureId);
                    return b.build();
                });
    }

    @Property(tries = 400)
    void everyPartStaysWithinDiscordsLimits(@ForAll("notifications") Notification n) {
        DiscordMessage m = DiscordMessage.of(n);

        assertThat(m.content().length()).isLessThanOrEqualTo(DiscordMessage.MAX_CONTENT);
        assertThat(m.title().length()).isBetween(1, DiscordMessage.MAX_TITLE);
        assertThat(m.description().length()).isLessThanOrEqualTo(DiscordMessage.MAX_DESCRIPTION);
        assertThat(m.fields().size()).isLessThanOrEqualTo(DiscordMessage.MAX_FIELDS);
        for (DiscordMessage.Field f : m.fields()) {
            assertThat(f.name().length()).isBetween(1, DiscordMessage.MAX_FIELD_NAME);
            assertThat(f.value().length()).isBetween(1, DiscordMessage.MAX_FIELD_VALUE);
        }
        assertThat(m.embedChars()).isLessThanOrEqualTo(DiscordMessage.MAX_EMBED_TOTAL);
        List<String> all = new ArrayList<>(List.of(m.content(), m.title(), m.description()));
        m.fields().forEach(f -> all.addAll(List.of(f.name(), f.value())));
        all.forEach(DiscordMessageProperties::assertWholeCharacters);
        byte[] json = m.json(Optional.empty());
        assertThat(new String(json, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8)).isEqualTo(json);
        assertThat(Json.read(json).path("embeds").get(0).path("fields").size()).isEqualTo(m.fields().size());
    }

    @Property(tries = 300)
    void whatFitsIsSentUncutAndNothingIsLeftOutSilently(@ForAll("notifications") Notification n) {
        DiscordMessage m = DiscordMessage.of(n);
        int wanted = n.metadata().size() + (n.testId().isPresent() ? 1 : 0) + (n.failureId().isPresent() ? 1 : 0);

        if (n.title().length() <= DiscordMessage.MAX_TITLE) {
            assertThat(m.title()).isEqualTo(DiscordMessage.clean(n.title()));
        } else {
            assertThat(m.title()).endsWith("…");
        }
        if (m.fields().size() < wanted) {
            // the last field counts what was left out
            int shown = m.fields().size() - 1;
            assertThat(m.fields().get(shown).value()).isEqualTo("and " + (wanted - shown) + " more");
        } else {
            assertThat(m.fields()).hasSize(wanted);
        }
    }

    @Property(tries = 500)
    void aCutNeverExceedsItsLimitNorSplitsAPair(@ForAll("text") String s, @ForAll @IntRange(min = 1, max = 400) int max) {
        String cut = DiscordMessage.cut(DiscordMessage.clean(s), max);

        assertThat(cut.length()).isLessThanOrEqualTo(max);
        assertWholeCharacters(cut);
        if (s.length() <= max) {
            assertThat(cut).isEqualTo(DiscordMessage.clean(s));
        }
    }

    private static void assertWholeCharacters(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                assertThat(i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))).as("pair at %d", i).isTrue();
                i++;
            } else {
                assertThat(Character.isLowSurrogate(c)).as("lone low surrogate at %d", i).isFalse();
            }
        }
    }
}
