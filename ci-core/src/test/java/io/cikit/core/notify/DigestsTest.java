package io.cikit.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.cikit.core.notify.internal.Digests;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigestsTest {
    private static Notification.Builder base(String id) {
        return Notification.builder().id(id).title("ltp.sem01 failed").severity(Severity.WARNING)
                .testId("ltp.sem01").timestamp(Instant.parse("2026-03-01T10:00:00Z"));
    }

    @Test
    void theFingerprintIgnoresIdTimestampChannelsAndRecipients() {
        Notification a = base("a").channels("slack").build();
        Notification b = base("b").channels("email").recipient(Recipient.named("Ana")).timestamp(Instant.EPOCH).build();

        assertThat(Digests.fingerprint(a)).isEqualTo(Digests.fingerprint(b));
        assertThat(Digests.fingerprint(a)).isNotEqualTo(Digests.fingerprint(base("a").message("other").build()));
        assertThat(Digests.fingerprint(a)).isNotEqualTo(Digests.fingerprint(base("a").meta("board", "x").build()));
        assertThat(Digests.fingerprint(a)).isNotEqualTo(Digests.fingerprint(base("a").severity(Severity.ERROR).build()));
    }

    @Test
    void oneBoardFailingRepeatedlyIsCountedAsSuch() {
        Notification d = Digests.digest("slack", "k", List.of(base("a").meta("board", "rpi4").build(),
                base("b").meta("board", "rpi4").message("again").build()), 50);

        assertThat(d.title()).isEqualTo("rpi4 failed `ltp.sem01` 2 times");
    }

    @Test
    void withoutBoardsTheDigestCountsFailures() {
        Notification d = Digests.digest("slack", "k", List.of(base("a").build(), base("b").message("x").build()), 50);

        assertThat(d.title()).isEqualTo("2 failures of `ltp.sem01`");
        assertThat(d.severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void theDigestTakesTheWorstSeverityTheLatestTimeAndEveryRecipientOnce() {
        Recipient ana = Recipient.email("Ana", "ana@example.org");
        Recipient bo = Recipient.named("Bo");
        Notification d = Digests.digest("slack", "k", List.of(
                base("a").recipient(ana).build(),
                base("b").severity(Severity.CRITICAL).recipient(ana).recipient(bo).timestamp(Instant.parse("2026-03-01T10:05:00Z")).build()), 50);

        assertThat(d.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(d.timestamp()).isEqualTo(Instant.parse("2026-03-01T10:05:00Z"));
        assertThat(d.recipients()).containsExactly(ana, bo);
        assertThat(d.channels()).containsExactly("slack");
    }

    @Test
    void theDigestIdDependsOnTheMembersChannelAndKeyOnly() {
        List<Notification> members = List.of(base("a").build(), base("b").message("x").build());
        Notification d = Digests.digest("slack", "k", members, 50);

        assertThat(Digests.digest("slack", "k", List.of(members.get(1), members.get(0)), 50).id()).isEqualTo(d.id());
        assertThat(Digests.digest("email", "k", members, 50).id()).isNotEqualTo(d.id());
        assertThat(Digests.digest("slack", "k2", members, 50).id()).isNotEqualTo(d.id());
        assertThat(Digests.digest("slack", "k", List.of(members.get(0), base("c").build()), 50).id()).isNotEqualTo(d.id());
    }
}
