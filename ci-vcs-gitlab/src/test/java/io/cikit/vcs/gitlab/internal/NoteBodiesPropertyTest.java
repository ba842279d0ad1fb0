package io.cikit.vcs.gitlab.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Truncation keeps notes within GitLab's limit, keeps their start, never splits a character, and says so. */
class NoteBodiesPropertyTest {

    @Property(tries = 500)
    void aCappedBodyFitsKeepsItsStartAndSaysItWasCut(@ForAll("bodies") String body, @ForAll @IntRange(min = 1, max = 400) int limit) {
        String capped = NoteBodies.cap(body, limit);

        assertThat(capped.length()).isLessThanOrEqualTo(limit);
        if (body.length() <= limit) {
            assertThat(capped).isEqualTo(body);
        } else {
            int line = capped.indexOf("\n\n---\n*Truncated by cikit");
            String kept = line >= 0 ? capped.substring(0, line) : capped;
            assertThat(body).startsWith(kept);
            if (limit >= 200) {
                assertThat(line).as("the truncation line fits when the limit allows it").isNotNegative();
                assertThat(capped).contains(Integer.toString(body.length()));
            }
            boolean splitPair = !kept.isEmpty() && Character.isHighSurrogate(kept.charAt(kept.length() - 1))
                    && Character.isLowSurrogate(body.charAt(kept.length()));
            assertThat(splitPair).as("a surrogate pair split at the cut").isFalse();
        }
    }

    @Property(tries = 200)
    void aStickyBodyAlwaysStartsWithItsMarker(@ForAll("keys") String key, @ForAll("bodies") String body) {
        String marker = NoteBodies.marker(key);

        String sticky = NoteBodies.sticky(marker, body);

        assertThat(sticky).startsWith(marker + "\n");
        assertThat(NoteBodies.find(List.of("unrelated", sticky), marker)).contains(1);
    }

    @Test
    void theMillionCharacterLimitHolds() {
        String capped = NoteBodies.sticky(NoteBodies.marker("report"), "😀".repeat(600_000));

        assertThat(capped.length()).isLessThanOrEqualTo(NoteBodies.MAX_CHARS);
        assertThat(capped).startsWith("<!-- cikit:sticky:report -->").contains("Truncated by cikit");
    }

    @Test
    void markersAreCaseFoldedAndKeysThatBreakTheCommentAreRefused() {
        assertThat(NoteBodies.marker("Lab-Report")).isEqualTo("<!-- cikit:sticky:lab-report -->");
        for (String bad : List.of("", " ", "a--b", "x>", "a b", "k".repeat(101), "a\nb")) {
            assertThatThrownBy(() -> NoteBodies.marker(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Provide
    Arbitrary<String> bodies() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(600),
                Arbitraries.strings().withChars("a😀é\n").ofMaxLength(600));
    }

    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.strings().withChars("abcXYZ019._:/@+=").ofMinLength(1).ofMaxLength(40);
    }
}
