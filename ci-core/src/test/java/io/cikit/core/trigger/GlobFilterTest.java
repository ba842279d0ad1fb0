package io.cikit.core.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class GlobFilterTest {

    @Test
    void anEmptyFilterAdmitsEverything() {
        assertThat(GlobFilter.of(List.of(), List.of()).test("anything").passes()).isTrue();
        assertThat(GlobFilter.of(List.of(), List.of()).isOpen()).isTrue();
    }

    @Test
    void verdictNamesTheGlobThatDecided() {
        GlobFilter filter = GlobFilter.of(List.of("main", "release/*"), List.of("release/old*"));

        assertThat(filter.test("release/1").includedBy()).map(Glob::pattern).contains("release/*");
        assertThat(filter.test("release/old-1").excludedBy()).map(Glob::pattern).contains("release/old*");
        assertThat(filter.test("dev").passes()).isFalse();
        assertThat(filter.test("dev").excludedBy()).isEmpty();
    }

    @Property(tries = 500)
    void excludeAlwaysBeatsInclude(@ForAll("globLists") List<String> include, @ForAll("globLists") List<String> exclude,
            @ForAll("names") String name) {
        GlobFilter filter = GlobFilter.of(include, exclude);
        boolean excluded = exclude.stream().anyMatch(g -> Glob.compile(g).matches(name));
        boolean included = include.isEmpty() || include.stream().anyMatch(g -> Glob.compile(g).matches(name));

        assertThat(filter.test(name).passes()).isEqualTo(!excluded && included);
    }

    @Property(tries = 300)
    void theSameGlobIncludedAndExcludedAdmitsNothing(@ForAll("globs") String glob, @ForAll("names") String name) {
        assertThat(GlobFilter.of(List.of(glob), List.of(glob)).test(name).passes()).isFalse();
    }

    @Provide
    Arbitrary<String> globs() {
        Arbitrary<String> token = Arbitraries.of("a", "b", "/", "*", "**", "?", "[ab]", "{a,b/*}", "docs", "src/");
        return token.list().ofMinSize(1).ofMaxSize(5).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<List<String>> globLists() {
        return globs().list().ofMaxSize(3);
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withChars("ab/dcosr").ofMaxLength(12);
    }
}
