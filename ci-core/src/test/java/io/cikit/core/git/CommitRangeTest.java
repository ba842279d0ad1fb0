package io.cikit.core.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.cikit.core.event.CommitInfo;
import io.cikit.core.event.Person;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * <pre>
 * c1 - c2 --------- c3 - m - c5     main
 *         \            /
 *          f1 ------ f2             feature
 * </pre>
 * Commit times rise in the order c1, c2, f1, f2, c3, m, c5.
 */
class CommitRangeTest {
    @TempDir
    Path root;

    Path base;
    TestRepo repo;
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    GitWorkspaces workspaces;
    String c1;
    String c2;
    String f1;
    String f2;
    String c3;
    String m;
    String c5;

    @BeforeEach
    void setUp() throws Exception {
        base = root.resolve("workspaces");
        repo = TestRepo.create(root.resolve("repo"));
        c1 = repo.write("README", "1\n").commit("c1");
        c2 = repo.write("README", "2\n").commit("c2");
        repo.branch("feature");
        f1 = repo.write("f.txt", "1\n").commitAs("Grace Hopper", "grace@example.org", "f1: start the feature\n\nWith a body.\n");
        f2 = repo.write("f.txt", "2\n").commit("f2");
        repo.switchTo("main");
        c3 = repo.write("README", "3\n").commit("c3");
        m = repo.merge("feature", "Merge branch 'feature'");
        c5 = repo.write("README", "5\n").commit("c5");
        repo.tag("good", true);
        repo.push();
        workspaces = GitWorkspaces.builder().baseDirectory(base).allowSchemes("file").meterRegistry(registry).build();
    }

    @AfterEach
    void tearDown() {
        repo.close();
        assertThat(base).satisfiesAnyOf(dir -> assertThat(dir).doesNotExist(), dir -> assertThat(dir).isEmptyDirectory());
    }

    @Test
    void listsTheCommitsOfARangeNewestFirst_includingMergedSideBranches() {
        CommitLog log = workspaces.commits(repo.url(), new CommitRange(c2, c5));
        assertThat(log.shas()).containsExactly(c5, m, c3, f2, f1);
        assertThat(log.truncated()).isFalse();
    }

    @Test
    void excludesEverythingReachableFromLastGood() {
        assertThat(workspaces.commits(repo.url(), new CommitRange(c3, c5)).shas()).containsExactly(c5, m, f2, f1);
        assertThat(workspaces.commits(repo.url(), new CommitRange(f2, m)).shas()).containsExactly(m, c3);
        assertThat(workspaces.commits(repo.url(), new CommitRange(f1, c3)).shas()).containsExactly(c3);
        assertThat(workspaces.commits(repo.url(), new CommitRange(c1, c2)).shas()).containsExactly(c2);
    }

    @Test
    void isEmptyWhenFirstBadIsReachableFromLastGood() {
        assertThat(workspaces.commits(repo.url(), new CommitRange(c5, c3)).commits()).isEmpty();
        assertThat(workspaces.commits(repo.url(), new CommitRange(c5, c5)).commits()).isEmpty();
    }

    @Test
    void acceptsBranchAndTagNames() {
        assertThat(workspaces.commits(repo.url(), new CommitRange("feature", "main")).shas()).containsExactly(c5, m, c3);
        assertThat(workspaces.commits(repo.url(), CommitRange.parse(c3 + "..good")).shas()).containsExactly(c5, m, f2, f1);
    }

    @Test
    void keepsTheNewestWhenTheRangeIsLongerThanTheMaximum() {
        GitWorkspaces two = GitWorkspaces.builder().baseDirectory(base).allowSchemes("file").maxCommits(2).build();
        CommitLog log = two.commits(repo.url(), new CommitRange(c1, c5));
        assertThat(log.shas()).containsExactly(c5, m);
        assertThat(log.truncated()).isTrue();
        CommitLog exact = GitWorkspaces.builder().baseDirectory(base).allowSchemes("file").maxCommits(5).build()
                .commits(repo.url(), new CommitRange(c2, c5));
        assertThat(exact.shas()).hasSize(5);
        assertThat(exact.truncated()).isFalse();
    }

    @Test
    void describesEachCommitWithMessageAuthorAndTime() throws Exception {
        CommitLog log = workspaces.commits(repo.url(), new CommitRange(c2, f1));
        assertThat(log.commits()).hasSize(1);
        CommitInfo info = log.commits().get(0);
        Instant authored;
        try (RevWalk walk = new RevWalk(repo.git.getRepository())) {
            RevCommit commit = walk.parseCommit(repo.resolve(f1));
            authored = commit.getAuthorIdent().getWhenAsInstant();
        }
        assertThat(info.sha()).isEqualTo(f1);
        assertThat(info.message()).isEqualTo("f1: start the feature\n\nWith a body.\n");
        assertThat(info.author()).contains(new Person("Grace Hopper", Optional.empty(), Optional.of("grace@example.org")));
        assertThat(info.timestamp()).contains(authored);
        assertThat(authored).isAfter(TestRepo.EPOCH);
        assertThat(info.url()).isEmpty();
        assertThat(info.changedFiles()).isEmpty();
    }

    @Test
    void deepensAShallowHistoryStepByStep_withoutFetchingAllOfIt() throws Exception {
        try (TestRepo linear = TestRepo.create(root.resolve("linear"))) {
            List<String> shas = new java.util.ArrayList<>();
            for (int i = 0; i < 30; i++) {
                shas.add(linear.write("n.txt", i + "\n").commit("n" + i));
            }
            linear.push();
            GitWorkspaces stepwise = GitWorkspaces.builder().baseDirectory(base).allowSchemes("file")
                    .meterRegistry(registry).deepenSteps(List.of(4, 8)).build();
            try (GitWorkspace ws = stepwise.checkout(linear.url(), shas.get(25))) {
                assertThat(ws.commits(new CommitRange(shas.get(20), shas.get(25))).shas())
                        .containsExactly(shas.get(25), shas.get(24), shas.get(23), shas.get(22), shas.get(21));
                try (Git git = Git.open(ws.directory().toFile())) {
                    var objects = git.getRepository().getObjectDatabase();
                    assertThat(objects.getShallowCommits()).isNotEmpty();
                    assertThat(objects.has(linear.resolve(shas.get(0)))).isFalse();
                }
            }
        }
        assertThat(registry.timer("cikit.git.fetches", "kind", "deepen", "outcome", "ok").count()).isEqualTo(2);
    }

    @Test
    void fetchesTheWholeHistoryWhenTheDeepenStepsRunOut() throws Exception {
        GitWorkspaces once = GitWorkspaces.builder().baseDirectory(base).allowSchemes("file").deepenSteps(List.of()).build();
        try (GitWorkspace ws = once.checkout(repo.url(), c5)) {
            assertThat(ws.commits(new CommitRange(c1, c5)).shas()).containsExactly(c5, m, c3, f2, f1, c2);
            try (Git git = Git.open(ws.directory().toFile())) {
                assertThat(git.getRepository().getObjectDatabase().getShallowCommits()).isEmpty();
            }
        }
    }

    @Test
    void cutsHugeCommitMessages() throws Exception {
        String huge = "x".repeat(History.MAX_MESSAGE_CHARS + 500);
        String big = repo.commit("subject\n\n" + huge);
        repo.push();
        CommitInfo info = workspaces.commits(repo.url(), new CommitRange(c5, big)).commits().get(0);
        assertThat(info.message()).startsWith("subject\n\nxxx").endsWith(History.CUT_MARKER)
                .hasSize(History.MAX_MESSAGE_CHARS + History.CUT_MARKER.length());
    }

    @Test
    void anUnknownEndFailsAsUnknownCommit() {
        String missing = "fedcba9876543210fedcba9876543210fedcba98";
        assertThatThrownBy(() -> workspaces.commits(repo.url(), new CommitRange(missing, c5)))
                .asInstanceOf(type(GitException.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(GitException.Kind.UNKNOWN_COMMIT));
    }

    @Test
    void parsesRanges() {
        assertThat(CommitRange.parse("v6.1..v6.2")).isEqualTo(new CommitRange("v6.1", "v6.2"));
        assertThat(CommitRange.parse(" a .. b ")).isEqualTo(new CommitRange("a", "b"));
        assertThat(new CommitRange("a", "b")).hasToString("a..b");
        for (String bad : List.of("a", "a...b", "..b", "a..", "a..b..c", "")) {
            assertThatThrownBy(() -> CommitRange.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void culpritsListTheRangeOldestFirstForTheRegressionDetector() {
        io.cikit.core.regression.CommitLog culprits = workspaces.culprits(repo.url());

        assertThat(culprits.between(c3, c5)).extracting(io.cikit.core.event.CommitInfo::sha)
                .containsExactlyInAnyOrder(f1, f2, m, c5)
                .endsWith(c5);
    }
}
