package io.cikit.notify.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.cikit.core.json.Json;
import io.cikit.core.notify.Notification;
import io.cikit.core.notify.Severity;
import io.cikit.notify.slack.internal.SlackMessage;
import io.cikit.notify.slack.internal.SlackText;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class SlackTruncationProperties {

    @Property(tries = 500)
    void truncationKeepsTheLimitAndNeverSplitsAPairALinkOrAnEntity(@ForAll("slackText") String text,
                                                                   @ForAll @IntRange(min = 1, max = 400) int max) {
        String cut = SlackText.truncate(text, max);

        assertThat(cut.length()).isLessThanOrEqualTo(max);
        SlackLimitsCheck.assertWellFormed(cut);
        if (text.length() <= max) {
            assertThat(cut).isEqualTo(text);
        } else {
            assertThat(cut).endsWith(SlackText.ELLIPSIS);
            String kept = cut.substring(0, cut.length() - SlackText.ELLIPSIS.length());
            assertThat(text).startsWith(kept);
            // an entity is whole or absent at the end
            int amp = kept.lastIndexOf('&');
            if (amp >= 0 && kept.indexOf(';', amp) < 0 && kept.lastIndexOf('<') < amp) {
                assertThat(kept.substring(amp + 1)).doesNotMatch("[a-z]{0,3}");
            }
        }
    }

    @Property(tries = 200)
    void aRenderedMessageKeepsEverySlackLimit(@ForAll("notifications") Notification n) {
        Map<String, Object> message = SlackMessage.render(n);

        SlackLimitsCheck.assertWithinLimits(Json.read(Json.write(message)));
    }

    @Provide
    Arbitrary<String> slackText() {
        Arbitrary<String> plain = Arbitraries.strings().all().ofMaxLength(60).map(SlackText::escape);
        Arbitrary<String> emoji = Arbitraries.of("😀", "🚨", "中文", "é", "\ud83d\ude00\ud83d\ude00");
        Arbitrary<String> link = Combinators.combine(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(40),
                Arbitraries.strings().all().ofMaxLength(30))
                .as((path, label) -> SlackText.link("https://ci.example/" + path + "?a=1&b=2", label));
        Arbitrary<String> mention = Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(11).map(u -> "<@" + u + ">");
        return Arbitraries.oneOf(plain, emoji, link, mention).list().ofMaxSize(40).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<Notification> notifications() {
        Arbitrary<String> text = Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(5_000),
                Arbitraries.strings().withChars("😀<>&|*_` \n").ofMaxLength(8_000),
                Arbitraries.of("https://ci.example/job/1", "<https://x|y>"));
        Arbitrary<Map<String, String>> meta = Arbitraries.maps(Arbitraries.strings().all().ofMinLength(1).ofMaxLength(128), text)
                .ofMaxSize(Notification.MAX_METADATA_ENTRIES);
        return Combinators.combine(Arbitraries.strings().all().ofMinLength(1).ofMaxLength(Notification.MAX_TITLE)
                                .filter(t -> !t.isBlank()),
                        text, Arbitraries.of(Severity.class), meta)
                .as((title, message, severity, metadata) -> Notification.builder().title(title).message(message)
                        .severity(severity).channels(List.of("slack")).metadata(metadata).testId("t&<1>").build());
    }
}
