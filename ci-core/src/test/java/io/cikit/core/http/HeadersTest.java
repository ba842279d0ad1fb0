package io.cikit.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class HeadersTest {

    @Test
    void lookUpIgnoresCaseAndKeepsEveryValue() {
        Headers h = Headers.of("X-GitHub-Event", "push", "x-github-event", "again", "Content-Type", "application/json");

        assertThat(h.first("x-github-EVENT")).contains("push");
        assertThat(h.all("X-GITHUB-EVENT")).containsExactly("push", "again");
        assertThat(h.names()).containsExactly("X-GitHub-Event", "Content-Type");
    }

    @Test
    void toStringShowsNamesButNeverValues() {
        Headers h = Headers.of(Map.of("Authorization", "Bearer s3cr3t"));

        assertThat(h.toString()).contains("Authorization").doesNotContain("s3cr3t");
    }

    @Test
    void builderSetReplacesEveryValueOfAName() {
        Headers h = Headers.ofMulti(Map.of("Accept", List.of("a", "b"))).toBuilder().set("accept", "c").build();

        assertThat(h.all("Accept")).containsExactly("c");
    }

    @Property(tries = 1000)
    void aNameIsFoundInAnySpellingThatLowerCasesAlike(@ForAll("names") String stored, @ForAll("names") String asked) {
        Headers h = Headers.of(stored, "value", "Other-Header", "other");
        boolean same = stored.toLowerCase(Locale.ROOT).equals(asked.toLowerCase(Locale.ROOT))
                || asked.equalsIgnoreCase("other-header");

        assertThat(h.first(asked).isPresent()).as("first(%s) of %s", asked, stored).isEqualTo(same);
        assertThat(h.contains(asked)).isEqualTo(same);
        assertThat(h.all(asked)).hasSize(same ? 1 : 0);
    }

    @Provide
    Arbitrary<String> names() {
        Arbitrary<String> spelled = Arbitraries.strings().withChars("aAbBxX-\u0130i\u212Ak\u00df").ofMinLength(1).ofMaxLength(4);
        return Arbitraries.oneOf(spelled, Arbitraries.of("x-github-event", "X-GitHub-Event", "X-GITHUB-EVENT"));
    }
}
