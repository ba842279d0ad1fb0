package io.cikit.core.git;

import static io.cikit.core.git.FileChange.added;
import static io.cikit.core.git.FileChange.modified;
import static io.cikit.core.git.FileChange.removed;
import static io.cikit.core.git.FileChange.renamed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangedFilesTest {
    /** Long enough that a rename with a small edit stays above JGit's 60 % similarity. */
    static final String BODY = "line one of a file that will move\n".repeat(20);

    @TempDir
    Path root;

    Path base;
    TestRepo repo;
    GitWorkspaces workspaces;
    String before;
    String after;

    @BeforeEach
    void setUp() throws Exception {
        base = root.resolve("workspaces");
        repo = TestRepo.create(root.resolve("repo"));
        before = repo.write("a.txt", "alpha\n").write("b.txt", "bravo\n").write("old-name.txt", BODY)
                .write("edited-and-moved.txt", BODY + "tail\n").write("dir/keep.txt", "keep\n").commit("before");
        after = repo.write("a.txt", "alpha, changed\n").delete("b.txt").move("old-name.txt", "new/name.txt")
                .move("edited-and-moved.txt", "moved.txt").write("moved.txt", BODY + "another tail\n")
                .write("d.txt", "delta\n").commit("after");
        repo.push();
        workspaces = GitWorkspaces.builder().baseDirectory(base).allowSchemes("file").build();
    }

    @AfterEach
    void tearDown() {
        repo.close();
        assertThat(base).satisfiesAnyOf(dir -> assertThat(dir).doesNotExist(), dir -> assertThat(dir).isEmptyDirectory());
    }

    @Test
    void listsAddedModifiedRemovedAndRenamedFilesSortedByPath() {
        try (GitWorkspace ws = workspaces.open(repo.url())) {
            FileChanges changes = ws.changedFiles(before, after);
            assertThat(changes.files()).containsExactly(
                    modified("a.txt"),
                    removed("b.txt"),
                    added("d.txt"),
                    renamed("edited-and-moved.txt", "moved.txt"),
                    renamed("old-name.txt", "new/name.txt"));
            assertThat(changes.truncated()).isFalse();
            assertThat(changes.paths()).containsExactly("a.txt", "b.txt", "d.txt", "edited-and-moved.txt", "moved.txt",
                    "new/name.txt", "old-name.txt");
        }
    }

    @Test
    void theReverseDiffSwapsAddsAndRemovesAndRenames() {
        try (GitWorkspace ws = workspaces.open(repo.url())) {
            assertThat(ws.changedFiles(after, before).files()).containsExactly(
                    modified("a.txt"),
                    added("b.txt"),
                    removed("d.txt"),
                    renamed("moved.txt", "edited-and-moved.txt"),
                    renamed("new/name.txt", "old-name.txt"));
        }
    }

    @Test
    void nothingChangesBetweenACommitAndItself() {
        try (GitWorkspace ws = workspaces.open(repo.url())) {
            assertThat(ws.changedFiles(after, after).files()).isEmpty();
        }
    }

    @Test
    void keepsTheFirstPathsWhenMoreFilesChangedThanTheMaximum() {
        GitWorkspaces two = GitWorkspaces.builder().baseDirectory(base).allowSchemes("file").maxChangedFiles(2).build();
        try (GitWorkspace ws = two.open(repo.url())) {
            FileChanges changes = ws.changedFiles(before, after);
            assertThat(changes.files()).containsExactly(modified("a.txt"), removed("b.txt"));
            assertThat(changes.truncated()).isTrue();
        }
    }

    @Test
    void worksOnShallowFetchesOfUnrelatedDepth() throws Exception {
        String later = repo.write("z.txt", "zulu\n").commit("later");
        repo.push();
        try (GitWorkspace ws = workspaces.checkout(repo.url(), later)) {
            assertThat(ws.changedFiles(before, later).paths()).containsExactly("a.txt", "b.txt", "d.txt",
                    "edited-and-moved.txt", "moved.txt", "new/name.txt", "old-name.txt", "z.txt");
        }
    }

    @Test
    void fileChangesCarryAPreviousPathExactlyForRenamesAndCopies() {
        assertThat(FileChange.copied("a", "b").previousPath()).contains("a");
        assertThatThrownBy(() -> new FileChange(FileChange.Type.ADDED, "a", Optional.of("b")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FileChange(FileChange.Type.RENAMED, "a", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        FileChanges withCopy = new FileChanges(java.util.List.of(FileChange.copied("src.c", "copy.c")), false);
        assertThat(withCopy.paths()).containsExactly("copy.c");
    }
}
