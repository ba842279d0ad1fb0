package io.cikit.core.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.cikit.core.config.ConfigurationException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitWorkspaceCheckoutTest {
    @TempDir
    Path root;

    Path base;
    TestRepo repo;
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    GitWorkspaces workspaces;
    String first;
    String second;
    String third;

    @BeforeEach
    void setUp() throws Exception {
        base = root.resolve("workspaces");
        repo = TestRepo.create(root.resolve("repo"));
        first = repo.write("README", "one\n").write("src/a.c", "int a;\n").commit("first");
        second = repo.write("README", "two\n").commit("second");
        repo.tag("v1", true);
        repo.tag("light", false);
        third = repo.write("README", "three\n").commit("third");
        repo.branch("feature");
        repo.write("feature.txt", "f\n").commit("feature work");
        repo.switchTo("main");
        repo.push();
        workspaces = GitWorkspaces.builder().baseDirectory(base).allowSchemes("file").meterRegistry(registry).build();
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    @Test
    void checksOutACommitBySha_detached_withItsFiles() throws Exception {
        try (GitWorkspace ws = workspaces.checkout(repo.url(), second)) {
            assertThat(ws.head()).contains(second);
            assertThat(Files.readString(ws.directory().resolve("README"))).isEqualTo("two\n");
            assertThat(Files.readString(ws.directory().resolve("src/a.c"))).isEqualTo("int a;\n");
            try (Git git = Git.open(ws.directory().toFile())) {
                assertThat(git.getRepository().getFullBranch()).isEqualTo(second);
            }
            assertThat(ws.directory().getParent()).isEqualTo(base);
            assertThat(ws.directory().getFileName().toString()).startsWith("cikit-git-");
        }
    }

    @Test
    void checksOutByBranchAnnotatedTagAndLightweightTag() throws Exception {
        try (GitWorkspace ws = workspaces.open(repo.url())) {
            assertThat(ws.checkout("main")).isEqualTo(third);
            assertThat(ws.checkout("v1")).isEqualTo(second);
            assertThat(Files.readString(ws.directory().resolve("README"))).isEqualTo("two\n");
            assertThat(ws.checkout("light")).isEqualTo(second);
            assertThat(ws.checkout("refs/heads/feature")).isEqualTo(repo.resolve("feature").name());
            assertThat(Files.exists(ws.directory().resolve("feature.txt"))).isTrue();
        }
    }

    @Test
    void aSecondCheckoutReplacesTheTree() throws Exception {
        try (GitWorkspace ws = workspaces.checkout(repo.url(), repo.resolve("feature").name())) {
            assertThat(ws.directory().resolve("feature.txt")).exists();
            Files.writeString(ws.directory().resolve("README"), "local edit\n");
            ws.checkout(first);
            assertThat(ws.head()).contains(first);
            assertThat(ws.directory().resolve("feature.txt")).doesNotExist();
            assertThat(Files.readString(ws.directory().resolve("README"))).isEqualTo("one\n");
        }
    }

    @Test
    void resolveAcceptsUpperCaseShas() {
        try (GitWorkspace ws = workspaces.open(repo.url())) {
            assertThat(ws.resolve(second.toUpperCase(java.util.Locale.ROOT))).isEqualTo(second);
        }
    }

    @Test
    void shallowByDefault_onlyTheCommitIsFetched() throws Exception {
        try (GitWorkspace ws = workspaces.checkout(repo.url(), third)) {
            try (Git git = Git.open(ws.directory().toFile())) {
                var objects = git.getRepository().getObjectDatabase();
                assertThat(objects.getShallowCommits()).extracting(id -> id.name()).containsExactly(third);
                assertThat(objects.has(repo.resolve(second))).isFalse();
            }
        }
    }

    @Test
    void notShallowWhenTurnedOff_theWholeHistoryIsFetched() throws Exception {
        GitWorkspaces full = GitWorkspaces.builder().baseDirectory(base).allowSchemes("file").shallow(false).build();
        try (GitWorkspace ws = full.checkout(repo.url(), third)) {
            try (Git git = Git.open(ws.directory().toFile())) {
                var objects = git.getRepository().getObjectDatabase();
                assertThat(objects.getShallowCommits()).isEmpty();
                assertThat(objects.has(repo.resolve(first))).isTrue();
            }
        }
    }

    @Test
    void closeRemovesTheDirectory_andIsIdempotent() throws Exception {
        GitWorkspace ws = workspaces.checkout(repo.url(), third);
        Path dir = ws.directory();
        assertThat(dir.resolve(".git")).isDirectory();
        ws.close();
        ws.close();
        assertThat(dir).doesNotExist();
        assertThat(TestRepo.contents(base)).isEmpty();
        assertThat(registry.counter("cikit.git.workspace.cleanups", "outcome", "ok").count()).isEqualTo(1.0);
        assertThatThrownBy(() -> ws.checkout(first)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void anUnknownShaFailsAsUnknownCommit_andLeavesNothingOnDisk() {
        String missing = "0123456789abcdef0123456789abcdef01234567";
        assertThatThrownBy(() -> workspaces.checkout(repo.url(), missing))
                .isInstanceOf(GitException.class)
                .asInstanceOf(type(GitException.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(GitException.Kind.UNKNOWN_COMMIT))
                .satisfies(e -> assertThat(e.getMessage()).contains(missing));
        assertThat(base).isEmptyDirectory();
    }

    @Test
    void anUnknownBranchFailsAsUnknownCommit_andLeavesNothingOnDisk() {
        assertThatThrownBy(() -> workspaces.checkout(repo.url(), "no-such-branch"))
                .asInstanceOf(type(GitException.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(GitException.Kind.UNKNOWN_COMMIT))
                .satisfies(e -> assertThat(e.getMessage()).contains("no branch or tag named 'no-such-branch'"));
        assertThat(base).isEmptyDirectory();
    }

    @Test
    void aTreeShaIsNotACommit() throws Exception {
        String tree = repo.resolve(second + "^{tree}").name();
        assertThatThrownBy(() -> workspaces.checkout(repo.url(), tree))
                .asInstanceOf(type(GitException.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(GitException.Kind.UNKNOWN_COMMIT));
        assertThat(base).isEmptyDirectory();
    }

    @Test
    void aMissingRepositoryFailsAsUnreachable_andLeavesNothingOnDisk() {
        String url = root.resolve("nowhere.git").toUri().toString();
        assertThatThrownBy(() -> workspaces.checkout(url, third))
                .asInstanceOf(type(GitException.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(GitException.Kind.UNREACHABLE))
                .satisfies(e -> assertThat(e.getMessage()).contains("repository not found"));
        assertThat(base).isEmptyDirectory();
    }

    @Test
    void aDirectoryThatIsNoRepositoryFailsAsUnreachable_andLeavesNothingOnDisk() throws Exception {
        Path plain = Files.createDirectories(root.resolve("plain"));
        Files.writeString(plain.resolve("HEAD"), "garbage");
        assertThatThrownBy(() -> workspaces.checkout(plain.toUri().toString(), third))
                .asInstanceOf(type(GitException.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(GitException.Kind.UNREACHABLE));
        assertThat(base).isEmptyDirectory();
    }

    @Test
    void aBaseDirectoryThatIsAFileFailsAsLocal_andCreatesNothing() throws Exception {
        Path file = Files.writeString(root.resolve("not-a-dir"), "x");
        GitWorkspaces broken = GitWorkspaces.builder().baseDirectory(file).allowSchemes("file").build();
        assertThatThrownBy(() -> broken.checkout(repo.url(), third))
                .asInstanceOf(type(GitException.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(GitException.Kind.LOCAL));
        assertThat(Files.readString(file)).isEqualTo("x");
        assertThat(TestRepo.contents(root)).noneMatch(p -> p.getFileName().toString().startsWith("cikit-git-"));
    }

    @Test
    void aSchemeNotAllowedIsAConfigurationError_beforeAnythingIsCreated() {
        GitWorkspaces strict = GitWorkspaces.builder().baseDirectory(base).build();
        assertThatThrownBy(() -> strict.checkout(repo.url(), third))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("scheme 'file'")
                .hasMessageContaining("allowed: https, ssh");
        assertThatThrownBy(() -> strict.open("/some/local/path")).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> strict.open("http://mirror.lab/linux.git")).isInstanceOf(ConfigurationException.class);
        assertThat(base).doesNotExist();
    }

    @Test
    void cleanupRemovesSymlinksWithoutFollowingThem() throws Exception {
        Path outside = Files.createDirectories(root.resolve("outside"));
        Files.writeString(outside.resolve("precious.txt"), "keep me");
        repo.symlink("escape", outside).symlink("escape-file", outside.resolve("precious.txt"));
        String withLinks = repo.commit("add links");
        repo.push();
        try (GitWorkspace ws = workspaces.checkout(repo.url(), withLinks)) {
            assertThat(Files.isSymbolicLink(ws.directory().resolve("escape"))).isTrue();
        }
        assertThat(base).isEmptyDirectory();
        assertThat(Files.readString(outside.resolve("precious.txt"))).isEqualTo("keep me");
    }

    @Test
    void fetchesAreTimedWithTheirOutcome() {
        try (GitWorkspace ws = workspaces.checkout(repo.url(), third)) {
            assertThat(ws.head()).contains(third);
        }
        assertThat(registry.timer("cikit.git.fetches", "kind", "commit", "outcome", "ok").count()).isEqualTo(1);
        String missing = "0123456789abcdef0123456789abcdef01234567";
        assertThatThrownBy(() -> workspaces.checkout(repo.url(), missing)).isInstanceOf(GitException.class);
        assertThat(registry.timer("cikit.git.fetches", "kind", "commit", "outcome", "unreachable").count()).isEqualTo(1);
        assertThat(registry.timer("cikit.git.fetches", "kind", "all", "outcome", "ok").count()).isEqualTo(1);
    }

    @Test
    void workspacesAreIndependent() throws Exception {
        try (GitWorkspace a = workspaces.checkout(repo.url(), first);
                GitWorkspace b = workspaces.checkout(repo.url(), third)) {
            assertThat(a.directory()).isNotEqualTo(b.directory());
            assertThat(Files.readString(a.directory().resolve("README"))).isEqualTo("one\n");
            assertThat(Files.readString(b.directory().resolve("README"))).isEqualTo("three\n");
            assertThat(TestRepo.contents(base).stream().filter(p -> p.getParent().equals(base)).toList()).hasSize(2);
        }
        assertThat(base).isEmptyDirectory();
        assertThat(List.of(first, second, third)).doesNotHaveDuplicates();
    }
}
