package io.cikit.vcs.gitlab.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cikit.core.build.BuildStatus;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The status mapping is total: every word maps, the known ones as REFERENCE §4 says, the rest to UNKNOWN. */
class GitLabCiStatusesTest {
    private static final Map<String, BuildStatus> TABLE = Map.ofEntries(
            Map.entry("created", BuildStatus.PENDING),
            Map.entry("waiting_for_resource", BuildStatus.PENDING),
            Map.entry("preparing", BuildStatus.PENDING),
            Map.entry("pending", BuildStatus.PENDING),
            Map.entry("scheduled", BuildStatus.PENDING),
            Map.entry("running", BuildStatus.IN_PROGRESS),
            Map.entry("canceling", BuildStatus.IN_PROGRESS),
            Map.entry("waiting_for_callback", BuildStatus.IN_PROGRESS),
            Map.entry("success", BuildStatus.SUCCESS),
            Map.entry("failed", BuildStatus.FAILURE),
            Map.entry("canceled", BuildStatus.CANCELLED),
            Map.entry("cancelled", BuildStatus.CANCELLED),
            Map.entry("skipped", BuildStatus.SKIPPED),
            Map.entry("manual", BuildStatus.SKIPPED));

    @Test
    void everyStatusGitLabSendsMapsAsTheTableSays() {
        TABLE.forEach((raw, expected) -> assertThat(GitLabCiStatuses.map(raw)).as(raw).isEqualTo(expected));
    }

    @Test
    void caseAndSurroundingSpaceDoNotMatter() {
        assertThat(GitLabCiStatuses.map(" Success ")).isEqualTo(BuildStatus.SUCCESS);
        assertThat(GitLabCiStatuses.map("FAILED")).isEqualTo(BuildStatus.FAILURE);
    }

    @Property(tries = 1000)
    void everyOtherWordIsUnknown(@ForAll String raw) {
        BuildStatus status = GitLabCiStatuses.map(raw);

        Set<String> known = TABLE.keySet();
        if (known.contains(raw.trim().toLowerCase(Locale.ROOT))) {
            assertThat(status).isEqualTo(TABLE.get(raw.trim().toLowerCase(Locale.ROOT)));
        } else {
            assertThat(status).isEqualTo(BuildStatus.UNKNOWN);
        }
    }

    @Property(tries = 200)
    void knownWordsInAnyCaseMap(@ForAll("knownWords") String raw) {
        assertThat(GitLabCiStatuses.map(raw)).isEqualTo(TABLE.get(raw.toLowerCase(Locale.ROOT)));
    }

    @Provide
    Arbitrary<String> knownWords() {
        return Arbitraries.of(TABLE.keySet()).flatMap(w -> Arbitraries.of(w, w.toUpperCase(Locale.ROOT),
                Character.toUpperCase(w.charAt(0)) + w.substring(1)));
    }
}
