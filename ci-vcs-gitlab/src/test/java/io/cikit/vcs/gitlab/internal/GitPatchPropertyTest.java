package io.cikit.vcs.gitlab.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cikit.vcs.gitlab.GitLabFileDiff;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Whatever GitLab answers (hostile paths, modes and diff texts included), the patch is made without an exception,
 * holds exactly one {@code diff --git} header per file, and no name or mode breaks out of its header line.
 */
class GitPatchPropertyTest {

    @Property(tries = 500)
    void aPatchHasOneHeaderPerFileAndNothingBreaksOutOfIt(@ForAll("fileDiffs") List<GitLabFileDiff> diffs) {
        Optional<String> patch = GitPatch.of(diffs);

        patch.ifPresent(text -> {
            List<String> lines = List.of(text.split("\n", -1));
            assertThat(lines.stream().filter(l -> l.startsWith("diff --git "))).hasSize(diffs.size());
            long headerPairs = lines.stream().filter(l -> l.startsWith("--- ")).count();
            assertThat(lines.stream().filter(l -> l.startsWith("+++ "))).hasSize((int) headerPairs);
            assertThat(text.isEmpty() || text.endsWith("\n")).isTrue();
            assertThat(lines).noneMatch(l -> l.startsWith("new file mode ") && !l.matches("new file mode [0-7]{6}"));
        });
        if (diffs.stream().anyMatch(GitLabFileDiff::diffLeftOut)) {
            assertThat(patch).isEmpty();
        }
    }

    @Property(tries = 300)
    void hunksWithinTheirCountsAreKeptAsGiven(@ForAll("hunkLines") List<String> body) {
        long removed = body.stream().filter(l -> !l.startsWith("+")).count();
        long added = body.stream().filter(l -> !l.startsWith("-")).count();
        String hunk = "@@ -1," + removed + " +1," + added + " @@\n" + String.join("\n", body) + "\n";
        GitLabFileDiff diff = new GitLabFileDiff("a.c", "a.c", hunk, false, false, false);

        assertThat(GitPatch.of(List.of(diff))).contains("diff --git a/a.c b/a.c\n--- a/a.c\n+++ b/a.c\n" + hunk);
        assertThat(GitPatch.of(List.of(new GitLabFileDiff("a.c", "a.c", hunk + "+one more\n", false, false, false))))
                .as("a line beyond the hunk's counts").isEmpty();
    }

    @Provide
    Arbitrary<List<GitLabFileDiff>> fileDiffs() {
        Arbitrary<String> paths = Arbitraries.oneOf(Arbitraries.of("a.c", "dir/b c.h", "x\ny", "q\"uote", "back\\slash",
                "diff --git a/z b/z", "\t", ""), Arbitraries.strings().ofMaxLength(12));
        Arbitrary<String> texts = Arbitraries.oneOf(Arbitraries.of("", "@@ -1 +1 @@\n-a\n+b\n", "@@ -0,0 +1 @@\n+x",
                "Binary files a/x and b/x differ\n", "@@ -1 +1 @@\n-a\n+b\ndiff --git a/e b/e\n", "garbage\n",
                "@@ -99999999999 +1 @@\n"), Arbitraries.strings().ofMaxLength(40));
        Arbitrary<Optional<String>> modes = Arbitraries.of(Optional.empty(), Optional.of("0"), Optional.of("100644"),
                Optional.of("100755"), Optional.of("120000"), Optional.of("100644\nnew file mode 100755"),
                Optional.of(" 100644 "));
        Arbitrary<Boolean> flags = Arbitraries.of(true, false);
        Arbitrary<GitLabFileDiff> one = Combinators.combine(paths, paths, texts, flags, flags, flags, modes, modes)
                .as((oldPath, newPath, text, added, renamed, deleted, a, b) -> new GitLabFileDiff(oldPath, newPath,
                        text, added, renamed, deleted && !added, a, b, false, false));
        Arbitrary<GitLabFileDiff> leftOut = Combinators.combine(paths, flags).as((path, large) ->
                new GitLabFileDiff(path, path, "", false, false, false, Optional.empty(), Optional.empty(), large, !large));
        return Arbitraries.frequencyOf(Tuple.of(9, one), Tuple.of(1, leftOut))
                .list().ofMaxSize(5);
    }

    @Provide
    Arbitrary<List<String>> hunkLines() {
        return Arbitraries.oneOf(Arbitraries.strings().alpha().ofMaxLength(8).map(s -> " " + s),
                Arbitraries.strings().alpha().ofMaxLength(8).map(s -> "-" + s),
                Arbitraries.strings().alpha().ofMaxLength(8).map(s -> "+" + s)).list().ofMinSize(1).ofMaxSize(12);
    }
}
