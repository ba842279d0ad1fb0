package io.cikit.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Cutting never exceeds the limit, never splits a surrogate pair, and leaves short texts alone. */
class TruncationPropertyTest {

    @Property(tries = 500)
    void anEllipsisCutNeverExceedsTheLimitNorSplitsAPair(@ForAll("texts") String text,
                                                         @ForAll @IntRange(min = 1, max = 300) int max) {
        String cut = Truncation.ellipsis(text, max);

        assertThat(cut.length()).isLessThanOrEqualTo(max);
        assertThat(cut.codePointCount(0, cut.length())).isLessThanOrEqualTo(max);
        assertNoBrokenPair(text, cut, Truncation.ELLIPSIS);
        if (text.length() <= max) {
            assertThat(cut).isEqualTo(text);
        } else {
            assertThat(cut).endsWith(Truncation.ELLIPSIS);
            String kept = cut.substring(0, cut.length() - Truncation.ELLIPSIS.length());
            assertThat(text).startsWith(kept);
            assertThat(kept.length()).isGreaterThanOrEqualTo(max - 2);
        }
    }

    @Property(tries = 300)
    void aSuffixCutEndsWithTheWholeSuffixWhenItFits(@ForAll("texts") String text,
                                                     @ForAll @IntRange(min = 1, max = 400) int max) {
        String suffix = "\n… truncated, see https://ci.example/1";

        String cut = Truncation.withSuffix(text, max, suffix);

        assertThat(cut.length()).isLessThanOrEqualTo(max);
        assertNoBrokenPair(text, cut, suffix);
        if (text.length() > max && suffix.length() < max) {
            assertThat(cut).endsWith(suffix);
            assertThat(text).startsWith(cut.substring(0, cut.length() - suffix.length()));
        }
    }

    @Test
    void aCutRightAfterAHighSurrogateDropsTheWholePair() {
        String text = "ab\uD83D\uDE00cd"; // a b 😀 c d

        assertThat(Truncation.prefix(text, 3)).isEqualTo("ab");
        assertThat(Truncation.prefix(text, 4)).isEqualTo("ab\uD83D\uDE00");
        assertThat(Truncation.ellipsis(text, 4)).isEqualTo("ab…");
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertThatThrownBy(() -> Truncation.ellipsis("x", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The kept start of the original never ends between the two halves of a surrogate pair. */
    private static void assertNoBrokenPair(String original, String cut, String suffix) {
        if (cut.equals(original) || !cut.endsWith(suffix)) {
            return;
        }
        int kept = cut.length() - suffix.length();
        boolean splitsPair = kept > 0 && kept < original.length()
                && Character.isHighSurrogate(original.charAt(kept - 1)) && Character.isLowSurrogate(original.charAt(kept));
        assertThat(splitsPair).as("cut at %d splits a surrogate pair", kept).isFalse();
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> emoji = Arbitraries.of("\uD83D\uDE00", "\uD834\uDD1E", "é", "字", "a", " ", "\n");
        Arbitrary<String> mixed = emoji.list().ofMaxSize(200).map(l -> String.join("", l));
        return Arbitraries.oneOf(mixed, Arbitraries.strings().ofMaxLength(400), Arbitraries.strings().all().ofMaxLength(300));
    }
}
