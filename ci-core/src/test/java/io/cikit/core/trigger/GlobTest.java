package io.cikit.core.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cikit.core.config.ConfigurationException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GlobTest {

    @Test
    void singleStarStaysWithinOneSegment() {
        Glob glob = Glob.compile("release/*");

        assertThat(glob.matches("release/1.0")).isTrue();
        assertThat(glob.matches("release/")).isTrue();
        assertThat(glob.matches("release/1.0/hotfix")).isFalse();
        assertThat(glob.matches("release")).isFalse();
    }

    @Test
    void doubleStarCrossesSegments() {
        Glob glob = Glob.compile("docs/**");

        assertThat(glob.matches("docs/a.md")).isTrue();
        assertThat(glob.matches("docs/deep/er/a.md")).isTrue();
        assertThat(glob.matches("src/docs/a.md")).isFalse();
    }

    @Test
    void doubleStarSlashAlsoMatchesZeroDirectories() {
        assertThat(Glob.compile("**/README.md").matches("README.md")).isTrue();
        assertThat(Glob.compile("**/README.md").matches("a/b/README.md")).isTrue();
        assertThat(Glob.compile("src/**/x.c").matches("src/x.c")).isTrue();
        assertThat(Glob.compile("src/**/x.c").matches("src/a/b/x.c")).isTrue();
        assertThat(Glob.compile("src/**/x.c").matches("srcx.c")).isFalse();
        assertThat(Glob.compile("**/**/**/x").matches("x")).isTrue();
    }

    @Test
    void doubleStarInsideASegmentMatchesAnythingIncludingSlashes() {
        assertThat(Glob.compile("a**z").matches("a/b/z")).isTrue();
        assertThat(Glob.compile("*.c").matches("dir/x.c")).isFalse();
        assertThat(Glob.compile("**.c").matches("dir/x.c")).isTrue();
    }

    @Test
    void questionMarkMatchesOneCharacterButNotASlash() {
        Glob glob = Glob.compile("v?.0");

        assertThat(glob.matches("v1.0")).isTrue();
        assertThat(glob.matches("v10.0")).isFalse();
        assertThat(Glob.compile("a?b").matches("a/b")).isFalse();
        assertThat(Glob.compile("?").matches("\uD83D\uDE00")).as("a supplementary character is one character").isTrue();
    }

    @Test
    void bracesPickOneAlternativeAndNest() {
        Glob glob = Glob.compile("{main,release/*}");
        assertThat(glob.matches("main")).isTrue();
        assertThat(glob.matches("release/2")).isTrue();
        assertThat(glob.matches("dev")).isFalse();

        Glob nested = Glob.compile("src/{arch/{arm,arm64},drivers}/**");
        assertThat(nested.matches("src/arch/arm64/boot/Image")).isTrue();
        assertThat(nested.matches("src/drivers/x.c")).isTrue();
        assertThat(nested.matches("src/arch/x86/y.c")).isFalse();
        assertThat(Glob.compile("a{,b}").matches("a")).as("an empty alternative").isTrue();
    }

    @Test
    void commaOutsideBracesIsLiteral() {
        assertThat(Glob.compile("a,b").matches("a,b")).isTrue();
        assertThat(Glob.compile("a,b").matches("a")).isFalse();
    }

    @Test
    void classesMatchOneListedCharacterRangeOrNegation() {
        assertThat(Glob.compile("v[0-9].x").matches("v7.x")).isTrue();
        assertThat(Glob.compile("v[0-9].x").matches("va.x")).isFalse();
        assertThat(Glob.compile("[abc]").matches("b")).isTrue();
        assertThat(Glob.compile("[!abc]").matches("b")).isFalse();
        assertThat(Glob.compile("[!abc]").matches("d")).isTrue();
        assertThat(Glob.compile("[^abc]").matches("d")).isTrue();
        assertThat(Glob.compile("[]x]").matches("]")).as("a leading ] is literal").isTrue();
        assertThat(Glob.compile("[a-]").matches("-")).as("a trailing - is literal").isTrue();
    }

    @Test
    void classesNeverMatchTheSeparator() {
        assertThat(Glob.compile("a[!x]b").matches("a/b")).isFalse();
        assertThat(Glob.compile("a[/]b").matches("a/b")).isFalse();
    }

    @Test
    void backslashMakesAMetacharacterLiteral() {
        assertThat(Glob.compile("a\\*").matches("a*")).isTrue();
        assertThat(Glob.compile("a\\*").matches("ab")).isFalse();
        assertThat(Glob.compile("\\{x\\}").matches("{x}")).isTrue();
    }

    @Test
    void regexMetacharactersInAGlobAreLiteral() {
        assertThat(Glob.compile("a.b").matches("axb")).isFalse();
        assertThat(Glob.compile("(x)+|$^").matches("(x)+|$^")).isTrue();
        assertThat(Glob.compile("\\Q.*\\E").matches("QxyzE")).as("the dot stays literal after an escaped Q").isFalse();
        assertThat(Glob.compile("\\Q\\.\\*\\E").matches("Q.*E")).isTrue();
    }

    @Test
    void matchingIsCaseSensitive() {
        assertThat(Glob.compile("Main").matches("main")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[abc", "{a,b", "a}", "trailing\\", "[z-a]", "[!"})
    void malformedGlobsAreConfigurationErrors(String glob) {
        assertThatThrownBy(() -> Glob.compile(glob)).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void longPathsWithManyDoubleStarsMatchQuickly() {
        String path = "a/".repeat(2000) + "b";

        assertThat(Glob.compile("**/**/**/**/**/**/c").matches(path)).isFalse();
        assertThat(Glob.compile("**/a/**/a/**/b").matches(path)).isTrue();
    }

    @Property(tries = 500)
    void aGlobWithoutMetacharactersMatchesItselfOnly(@ForAll("literals") String literal, @ForAll("literals") String other) {
        Glob glob = Glob.compile(literal);

        assertThat(glob.matches(literal)).isTrue();
        assertThat(glob.matches(other)).isEqualTo(other.equals(literal));
    }

    @Property(tries = 500)
    void doubleStarMatchesEveryPath(@ForAll("paths") String path) {
        assertThat(Glob.compile("**").matches(path)).isTrue();
    }

    @Property(tries = 500)
    void doubleStarMatchesEveryString(@ForAll String anything) {
        assertThat(Glob.compile("**").matches(anything)).isTrue();
    }

    @Property(tries = 1000)
    void agreesWithTheJdkGlobOnUnixPathsForTheSyntaxBothShare(@ForAll("sharedGlobs") String glob, @ForAll("paths") String path) {
        Assume.that(FileSystems.getDefault().getSeparator().equals("/"));
        boolean jdk = FileSystems.getDefault().getPathMatcher("glob:" + glob).matches(Path.of(path));

        assertThat(Glob.compile(glob).matches(path)).as("glob %s on %s", glob, path).isEqualTo(jdk);
    }

    @Provide
    Arbitrary<String> literals() {
        return Arbitraries.strings().ofMinLength(1).ofMaxLength(30).filter(s -> s.chars().noneMatch(c -> "*?[]{}\\".indexOf(c) >= 0));
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> segment = Arbitraries.strings().withChars("ab.-_xyz").ofMinLength(1).ofMaxLength(5)
                .filter(s -> !s.equals(".") && !s.equals(".."));
        return segment.list().ofMinSize(1).ofMaxSize(5).map(parts -> String.join("/", parts));
    }

    /** Globs without "**" (whose zero-directory form the JDK lacks) and without nested braces (which it refuses). */
    @Provide
    Arbitrary<String> sharedGlobs() {
        Arbitrary<String> token = Arbitraries.of("a", "b", "x", ".", "-", "*", "?", "[ab]", "[!a]", "[a-c]", "{a,b}", "{x,a*}");
        Arbitrary<String> segment = token.list().ofMinSize(1).ofMaxSize(4).map(parts -> String.join("", parts));
        return segment.list().ofMinSize(1).ofMaxSize(4).map(segments -> String.join("/", segments)).filter(g -> !g.contains("**"));
    }
}
