package io.cikit.vcs.github.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** GitHub's limits hold for any text; the sticky marker survives any surrounding body; headers never throw. */
class GitHubTextPropertyTest {

    @Property(tries = 500)
    void aStatusDescriptionFitsOneLineOf140(@ForAll("texts") String text) {
        String description = Texts.description(text);

        assertThat(description.length()).isLessThanOrEqualTo(Texts.MAX_DESCRIPTION);
        assertThat(description).doesNotContain("\n", "\r");
        assertNoSplitPairAtTheEnd(description);
    }

    @Property(tries = 300)
    void aLongTextWithANoticeFitsAndSaysItWasCut(@ForAll("texts") String text, @ForAll @IntRange(min = 200, max = 2000) int max,
                                                 @ForAll boolean withLink) {
        Optional<URI> link = withLink ? Optional.of(URI.create("https://lab.example/r/1")) : Optional.empty();

        String cut = Texts.withNotice(text, max, link);

        assertThat(cut.length()).isLessThanOrEqualTo(max);
        if (text.length() > max) {
            assertThat(cut).contains("truncated");
            if (withLink) {
                assertThat(cut).endsWith("truncated, see https://lab.example/r/1");
            }
        } else {
            assertThat(cut).isEqualTo(text);
        }
    }

    @Property(tries = 300)
    void anAnnotationMessageFitsItsByteBudget(@ForAll("texts") String text, @ForAll @IntRange(min = 8, max = 500) int maxBytes) {
        String cut = Texts.utf8(text, maxBytes);

        assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(maxBytes);
        assertNoSplitPairAtTheEnd(cut.endsWith("…") ? cut.substring(0, cut.length() - 1) : cut);
    }

    @Property(tries = 500)
    void theStickyMarkerRoundTripsWhateverSurroundsIt(@ForAll("keys") String key, @ForAll("texts") String before,
                                                      @ForAll("texts") String after) {
        String body = before.replace("<!-- cikit:", "") + StickyMarker.of(key) + after.replace("<!-- cikit:", "");

        assertThat(StickyMarker.marks(body, key)).isTrue();
        assertThat(StickyMarker.keyIn(body)).contains(key);
        assertThat(StickyMarker.of(key)).startsWith("<!--").endsWith("-->").doesNotContain("\n");
        assertThat(StickyMarker.of(key).indexOf("-->")).isEqualTo(StickyMarker.of(key).length() - 3);
    }

    @Property(tries = 300)
    void aKeyIsNotFoundInAnotherKeysMarker(@ForAll("keys") String key, @ForAll("keys") String other) {
        String body = "report\n" + StickyMarker.of(other);

        assertThat(StickyMarker.marks(body, key)).isEqualTo(key.equals(other));
    }

    @Property(tries = 500)
    void anyLinkHeaderIsReadWithoutThrowing(@ForAll("linkHeaders") String header) {
        Optional<URI> next = LinkHeader.next(List.of(header));

        next.ifPresent(uri -> assertThat(uri.isAbsolute()).isTrue());
    }

    @Property(tries = 500)
    void anEncodedSegmentStaysOneSegmentAndDecodesBack(@ForAll("texts") String raw) {
        String segment = ApiPaths.segment(raw);

        assertThat(segment).doesNotContain("/", "?", "#", " ");
        URI uri = URI.create("https://api.github.com/repos/" + segment + "/x");
        assertThat(uri.getPath()).isEqualTo("/repos/" + (raw.equals(".") || raw.equals("..") ? raw : decoded(raw)) + "/x");
    }

    /** What {@link URI#getPath()} gives back: the text, with lone surrogates replaced as UTF-8 encoding did. */
    private static String decoded(String raw) {
        return new String(raw.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    /** The generators only make whole pairs, so a trailing high surrogate can only come from a split. */
    private static void assertNoSplitPairAtTheEnd(String text) {
        assertThat(!text.isEmpty() && Character.isHighSurrogate(text.charAt(text.length() - 1)))
                .as("ends in half a surrogate pair").isFalse();
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> pieces = Arbitraries.of("a", "Z", " ", "\n", "\r\n", "😀", "𝄞", "é", "字", "<!--", "-->", "€", "/", "%");
        return pieces.list().ofMaxSize(400).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.strings().withChars("abcXYZ019._:/-").ofMinLength(1).ofMaxLength(StickyMarker.MAX_KEY_LENGTH);
    }

    @Provide
    Arbitrary<String> linkHeaders() {
        Arbitrary<String> url = Arbitraries.of("https://api.github.com/x?page=2", "/relative", "http://[bad", "", "a b");
        Arbitrary<String> rel = Arbitraries.of("rel=\"next\"", "rel=next", "rel=\"prev next\"", "rel=\"last\"", "rel", "");
        Arbitrary<String> link = Combinators.combine(url, rel, Arbitraries.of("<", "", "<<"), Arbitraries.of(">", "", ">>"))
                .as((u, r, open, close) -> open + u + close + "; " + r);
        return Arbitraries.oneOf(link.list().ofMaxSize(4).map(l -> String.join(", ", l)), Arbitraries.strings().ofMaxLength(200));
    }
}
