package io.cikit.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Look-ups fold case exactly as {@code toLowerCase(Locale.ROOT)} of both names does, whether the name looked up is
 * lower-case ASCII (the fast path) or not, and the grouping, order and equality are those of a map keyed that way.
 */
class HeadersCaseFoldingTest {

    @Test
    void lowerCaseMixedCaseAndUpperCaseLookUpsFindTheSameValues() {
        Headers h = Headers.of("X-Gitlab-Token", "t", "idempotency-key", "k", "CONTENT-TYPE", "application/json");

        for (String name : List.of("x-gitlab-token", "X-Gitlab-Token", "X-GITLAB-TOKEN")) {
            assertThat(h.first(name)).as(name).contains("t");
            assertThat(h.contains(name)).as(name).isTrue();
        }
        assertThat(h.first("Idempotency-Key")).contains("k");
        assertThat(h.first("content-type")).contains("application/json");
        assertThat(h.first("x-gitlab-tokens")).isEmpty();
        assertThat(h.all("x-gitlab-tokenx")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u212A-Key", "K-Key", "k-key", "X-Stra\u00DFe", "x-stra\u00DFe", "\u0130d", "i\u0307d", "\u03A3-\u03C3",
            "\u00C9t\u00E9", "\u00E9T\u00C9"})
    void nonAsciiNamesFoldAsToLowerCaseDoes(String sent) {
        Headers h = Headers.of(sent, "v");

        for (String asked : List.of(sent, sent.toLowerCase(Locale.ROOT), sent.toUpperCase(Locale.ROOT))) {
            boolean same = asked.toLowerCase(Locale.ROOT).equals(sent.toLowerCase(Locale.ROOT));
            assertThat(h.first(asked)).as("%s asked as %s", sent, asked).isEqualTo(same ? Optional.of("v") : Optional.empty());
        }
    }

    @Test
    void theKelvinSignIsTheLetterKOnceLowerCased() {
        // toLowerCase(Locale.ROOT) maps U+212A KELVIN SIGN to 'k', so an ASCII look-up finds it
        Headers h = Headers.of("\u212A-Id", "1");

        assertThat(h.first("k-id")).contains("1");
        assertThat(h.first("K-ID")).contains("1");
        assertThat(h.names()).containsExactly("\u212A-Id");
    }

    @Test
    void repeatedNamesKeepEveryValueInOrderUnderTheFirstSpelling() {
        Headers h = Headers.builder().add("Accept", "a").add("X-One", "1").add("ACCEPT", "b").add("accept", "c").build();

        assertThat(h.all("accept")).containsExactly("a", "b", "c");
        assertThat(h.first("Accept")).contains("a");
        assertThat(h.names()).containsExactly("Accept", "X-One");
        assertThat(h.asMap()).containsExactly(Map.entry("Accept", List.of("a", "b", "c")), Map.entry("X-One", List.of("1")));
    }

    @Test
    void removingANameAndAddingItAgainMovesItLastWithTheNewSpelling() {
        Headers h = Headers.builder().add("X-A", "1").add("X-B", "2").remove("x-a").add("x-A", "3").build();

        assertThat(h.names()).containsExactly("X-B", "x-A");
        assertThat(h.all("X-A")).containsExactly("3");
    }

    @Test
    void aBuilderCanBeReusedAfterBuildWithoutChangingWhatItBuilt() {
        Headers.Builder b = Headers.builder().add("X-A", "1");
        Headers first = b.build();
        Headers second = b.add("x-a", "2").build();

        assertThat(first.all("x-a")).containsExactly("1");
        assertThat(second.all("x-a")).containsExactly("1", "2");
    }

    @Test
    void valueListsAreUnmodifiable() {
        Headers h = Headers.builder().add("X-A", "1").add("X-A", "2").add("X-B", "3").build();

        assertThat(h.all("x-a")).isUnmodifiable();
        assertThat(h.all("x-b")).isUnmodifiable();
        assertThat(h.names()).isUnmodifiable();
        assertThat(h.asMap()).isUnmodifiable();
    }

    @Test
    void equalityIgnoresSpellingButNotValuesOrTheirOrder() {
        Headers a = Headers.of("X-A", "1", "X-A", "2", "X-B", "3");
        Headers b = Headers.of("x-b", "3", "x-a", "1", "X-a", "2");

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(Headers.of("X-A", "2", "X-A", "1", "X-B", "3"));
        assertThat(a).isNotEqualTo(Headers.of("X-A", "1", "X-A", "2"));
        assertThat(Headers.builder().build()).isEqualTo(Headers.empty());
        assertThat(Headers.empty().isEmpty()).isTrue();
    }

    /** Every look-up answers what a map keyed by {@code toLowerCase(Locale.ROOT)} answers, whatever the names. */
    @Property(tries = 500)
    void lookUpsMatchAMapKeyedByLowerCasedNames(@ForAll("headerLists") List<Map.Entry<String, String>> sent,
            @ForAll("names") String asked) {
        Headers.Builder b = Headers.builder();
        Map<String, List<String>> model = new LinkedHashMap<>();
        Map<String, String> spelling = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : sent) {
            b.add(e.getKey(), e.getValue());
            String lower = e.getKey().toLowerCase(Locale.ROOT);
            model.computeIfAbsent(lower, k -> new ArrayList<>()).add(e.getValue());
            spelling.putIfAbsent(lower, e.getKey());
        }
        Headers h = b.build();

        List<String> names = new ArrayList<>(sent.stream().map(Map.Entry::getKey).toList());
        names.add(asked);
        for (String name : names) {
            for (String variant : List.of(name, name.toLowerCase(Locale.ROOT), name.toUpperCase(Locale.ROOT))) {
                List<String> expected = model.getOrDefault(variant.toLowerCase(Locale.ROOT), List.of());
                assertThat(h.all(variant)).as(variant).isEqualTo(expected);
                assertThat(h.first(variant)).as(variant).isEqualTo(expected.stream().findFirst());
                assertThat(h.contains(variant)).as(variant).isEqualTo(!expected.isEmpty());
            }
        }
        assertThat(h.names()).containsExactlyElementsOf(spelling.values());
        assertThat(h.isEmpty()).isEqualTo(model.isEmpty());
        assertThat(Headers.ofMulti(h.asMap())).isEqualTo(h);
        assertThat(h.toBuilder().build()).isEqualTo(h).hasSameHashCodeAs(h);
        assertThat(h.hashCode()).isEqualTo(model.hashCode());
    }

    @Property(tries = 500)
    void theAsciiFastPathLowerCasesAsTheJdkDoes(@ForAll("names") String name) {
        assertThat(Headers.lowerCase(name)).isEqualTo(name.toLowerCase(Locale.ROOT));
    }

    @Provide
    Arbitrary<List<Map.Entry<String, String>>> headerLists() {
        Arbitrary<Map.Entry<String, String>> entry = Arbitraries.entries(names(), Arbitraries.strings().alpha().ofMaxLength(5));
        return entry.list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<String> names() {
        // few distinct letters, so names collide in case-insensitive ways; plus the Latin-1 and Unicode troublemakers
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("aAbB-kK").ofMinLength(1).ofMaxLength(4),
                Arbitraries.strings().withChars("aA\u00C9\u00E9\u00DF\u212Ak\u0130i\u0307\u03A3\u03C3\u03C2-").ofMinLength(1).ofMaxLength(4),
                Arbitraries.of("X-Gitlab-Token", "x-gitlab-token", "Content-Type", "CONTENT-TYPE", "x-hub-signature-256"));
    }

    @Property(tries = 200)
    void valuesAreKeptExactly(@ForAll @Size(max = 5) List<@net.jqwik.api.constraints.StringLength(max = 20) String> values) {
        Headers.Builder b = Headers.builder();
        values.forEach(v -> b.add("X-Value", v));
        Headers h = b.build();

        assertThat(h.all("x-value")).isEqualTo(values);
    }
}
