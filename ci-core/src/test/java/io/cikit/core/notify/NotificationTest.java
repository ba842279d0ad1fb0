package io.cikit.core.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class NotificationTest {

    @Test
    void builderFillsIdAndTimestampAndKeepsEverythingElse() {
        Notification n = Notification.builder()
                .title("ltp.sem01 failed")
                .message("sem01 timed out")
                .severity(Severity.ERROR)
                .channels("Slack", " email ", "slack")
                .recipient(Recipient.email("Ana", "ana@example.org").withSlackUserId("U123"))
                .meta(Notification.BOARD, "rpi4-03")
                .meta(Notification.BRANCH, "main")
                .testId("ltp.sem01")
                .failureId("F-17")
                .build();

        assertThat(n.id()).isNotBlank();
        assertThat(n.timestamp()).isBeforeOrEqualTo(Instant.now());
        assertThat(n.channels()).containsExactly("slack", "email");
        assertThat(n.metadata()).containsExactly(Map.entry("board", "rpi4-03"), Map.entry("branch", "main"));
        assertThat(n.testId()).contains("ltp.sem01");
        assertThat(n.failureId()).contains("F-17");
        assertThat(n.groupKey()).isEmpty();
        assertThat(n.recipients().get(0).slackUserId()).contains("U123");
        assertThat(n.toBuilder().build()).isEqualTo(n);
    }

    @Test
    void builderRefusesAMissingTitleOrSeverity() {
        assertThatThrownBy(() -> Notification.builder().severity(Severity.INFO).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("title");
        assertThatThrownBy(() -> Notification.builder().title("t").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("severity");
    }

    @Test
    void metadataKeepsInsertionOrderAndCannotBeChangedFromOutside() {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("z", "1");
        meta.put("a", "2");
        Notification n = new Notification("id", "t", "", Severity.INFO, List.of(), List.of(), meta, Instant.EPOCH,
                Optional.empty(), Optional.empty(), Optional.empty());
        meta.put("b", "3");

        assertThat(n.metadata().keySet()).containsExactly("z", "a");
        assertThatThrownBy(() -> n.metadata().put("c", "4")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void constructorEnforcesTheDocumentedLimits() {
        Map<String, String> tooMany = new HashMap<>();
        for (int i = 0; i <= Notification.MAX_METADATA_ENTRIES; i++) {
            tooMany.put("k" + i, "v");
        }
        assertThatThrownBy(() -> Notification.builder().title("t").severity(Severity.INFO).metadata(tooMany).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metadata");
        assertThatThrownBy(() -> new Notification("id", "x".repeat(Notification.MAX_TITLE + 1), "", Severity.INFO, List.of(),
                List.of(), Map.of(), Instant.EPOCH, Optional.empty(), Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("title");
        assertThatThrownBy(() -> Notification.builder().title("t").severity(Severity.INFO).channels("no spaces").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("channel name");
        assertThatThrownBy(() -> Notification.builder().id(" ").title("t").severity(Severity.INFO).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void builderShortensOverLongTextWithAnEllipsis() {
        Notification n = Notification.builder().title("t".repeat(5000)).message("m".repeat(100_000))
                .severity(Severity.INFO).meta("log", "l".repeat(10_000)).build();

        assertThat(n.title()).hasSize(Notification.MAX_TITLE).endsWith("…");
        assertThat(n.message()).hasSize(Notification.MAX_MESSAGE).endsWith("…");
        assertThat(n.metadata().get("log")).hasSize(Notification.MAX_METADATA_VALUE).endsWith("…");
    }

    @Provide
    Arbitrary<String> mixedText() {
        return Arbitraries.of("a", "é", "😀", "中", "\n", "`").list().ofMinSize(950).ofMaxSize(1100)
                .map(parts -> String.join("", parts));
    }

    @Property(tries = 300)
    void shorteningNeverExceedsTheLimitNorSplitsASurrogatePair(@ForAll("mixedText") String title) {
        Notification n = Notification.builder().title(title).severity(Severity.INFO).build();

        String body = n.title();
        assertThat(body.length()).isLessThanOrEqualTo(Notification.MAX_TITLE);
        if (title.length() <= Notification.MAX_TITLE) {
            assertThat(body).isEqualTo(title);
        } else {
            assertThat(body).endsWith("…");
            String kept = body.substring(0, body.length() - 1);
            assertThat(title).startsWith(kept);
            assertThat(Character.isHighSurrogate(kept.charAt(kept.length() - 1))).isFalse();
            assertThat(kept.length()).isGreaterThanOrEqualTo(Notification.MAX_TITLE - 2);
        }
    }

    @Test
    void severitiesAreOrderedAndParsedTolerantly() {
        assertThat(Severity.CRITICAL.atLeast(Severity.ERROR)).isTrue();
        assertThat(Severity.WARNING.atLeast(Severity.ERROR)).isFalse();
        assertThat(Severity.INFO.max(Severity.WARNING)).isEqualTo(Severity.WARNING);
        assertThat(Severity.parse(" warn ")).contains(Severity.WARNING);
        assertThat(Severity.parse("Critical")).contains(Severity.CRITICAL);
        assertThat(Severity.parse("catastrophic")).isEmpty();
        assertThat(Severity.parse("")).isEmpty();
    }

    @Test
    void passesComparesWithTheMinimumSeverity() {
        Notification warning = Notification.builder().title("t").severity(Severity.WARNING).build();

        assertThat(NotificationDispatcher.passes(warning, Severity.INFO)).isTrue();
        assertThat(NotificationDispatcher.passes(warning, Severity.WARNING)).isTrue();
        assertThat(NotificationDispatcher.passes(warning, Severity.ERROR)).isFalse();
    }

    @Test
    void idempotencyKeyIsStablePerNotificationAndChannelAndDiffersOtherwise() {
        DeliveryKey a = new DeliveryKey("n-1", "slack");

        assertThat(a.idempotencyKey()).isEqualTo(new DeliveryKey("n-1", "slack").idempotencyKey()).matches("[0-9a-f]{32}");
        assertThat(a.idempotencyKey()).isNotEqualTo(new DeliveryKey("n-1", "email").idempotencyKey());
        assertThat(a.idempotencyKey()).isNotEqualTo(new DeliveryKey("n-2", "slack").idempotencyKey());
        // the separator keeps ("ab","c") and ("a","bc") apart
        assertThat(new DeliveryKey("ab", "c").idempotencyKey()).isNotEqualTo(new DeliveryKey("a", "bc").idempotencyKey());
    }

    @Test
    void deliveryResultHasAnErrorExactlyWhenItFailed() {
        DeliveryKey k = new DeliveryKey("n", "slack");
        assertThatThrownBy(() -> new DeliveryResult("n", "slack", DeliveryResult.Outcome.DELIVERED, Optional.of("x"), 1, Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeliveryResult("n", "slack", DeliveryResult.Outcome.DEAD_LETTERED, Optional.empty(), 1, Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(DeliveryResult.ok(k, DeliveryResult.Outcome.GROUPED, 1, Instant.EPOCH).success()).isTrue();
        assertThat(DeliveryResult.failed(k, DeliveryResult.Outcome.SUPPRESSED, "repeat", 0, Instant.EPOCH).success()).isFalse();
    }
}
