package io.cikit.core.git;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.cikit.core.event.EventContext;
import io.cikit.core.event.Provider;
import io.cikit.core.event.PullRequest;
import io.cikit.core.event.PullRequestAction;
import io.cikit.core.event.PullRequestEvent;
import io.cikit.core.event.RawPayload;
import io.cikit.core.event.Repository;
import io.cikit.core.trigger.ChangedFiles;
import io.cikit.core.trigger.TriggerDecision;
import io.cikit.core.trigger.TriggerPolicy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * <pre>
 * m0 - m1 ------------ m2          main     (m1: docs/guide.md, m2: kernel/sched.c)
 *   \     \
 *    p1 -- pm - p2                 pr       (p1: drivers/gpio.c, pm merges main@m1, p2: drivers/spi.c)
 * </pre>
 */
class WorkspaceChangedFilesTest {
    @TempDir
    Path root;

    Path base;
    TestRepo repo;
    Repository repository;
    GitWorkspaces workspaces;
    ChangedFiles lookup;
    String m0;
    String m1;
    String m2;
    String p1;
    String pm;
    String p2;

    @BeforeEach
    void setUp() throws Exception {
        base = root.resolve("workspaces");
        repo = TestRepo.create(root.resolve("repo"));
        m0 = repo.write("Makefile", "all:\n").write("docs/guide.md", "# guide\n").write("drivers/gpio.c", "gpio\n")
                .write("kernel/sched.c", "sched\n").commit("m0");
        repo.branch("pr");
        p1 = repo.write("drivers/gpio.c", "gpio v2\n").commit("p1");
        repo.switchTo("main");
        m1 = repo.write("docs/guide.md", "# guide v2\n").commit("m1");
        repo.switchTo("pr");
        pm = repo.merge("main", "Merge main into pr");
        p2 = repo.write("drivers/spi.c", "spi\n").commit("p2");
        repo.switchTo("main");
        m2 = repo.write("kernel/sched.c", "sched v2\n").commit("m2");
        repo.push();
        repository = new Repository("acme/kernel", Optional.empty(), Optional.of(repo.url()), Optional.empty(),
                Optional.empty(), Optional.of("main"));
        workspaces = GitWorkspaces.builder().baseDirectory(base).allowSchemes("file").build();
        lookup = workspaces.changedFiles();
    }

    @AfterEach
    void tearDown() {
        repo.close();
        assertThat(base).satisfiesAnyOf(dir -> assertThat(dir).doesNotExist(), dir -> assertThat(dir).isEmptyDirectory());
    }

    @Test
    void aPullRequestChangesOnlyWhatItsOwnSideChanged_sinceTheBestMergeBase() {
        assertThat(lookup.between(repository, m2, p2)).contains(List.of("drivers/gpio.c", "drivers/spi.c"));
        assertThat(lookup.between(repository, "main", p2)).contains(List.of("drivers/gpio.c", "drivers/spi.c"));
        assertThat(lookup.between(repository, m1, p1)).contains(List.of("drivers/gpio.c"));
    }

    @Test
    void aPushComparesBeforeWithAfter() {
        assertThat(lookup.between(repository, m0, m2)).contains(List.of("docs/guide.md", "kernel/sched.c"));
        assertThat(lookup.between(repository, p1, p2)).contains(List.of("docs/guide.md", "drivers/spi.c"));
    }

    @Test
    void aHeadAlreadyInBaseChangesNothing() {
        assertThat(lookup.between(repository, m2, m1)).contains(List.of());
    }

    @Test
    void unrelatedHistoriesAreUnknown() throws Exception {
        repo.git.checkout().setOrphan(true).setName("orphan").call();
        String orphan = repo.write("other.txt", "x\n").commit("unrelated root");
        repo.push();
        assertThat(lookup.between(repository, m2, orphan)).isEmpty();
    }

    @Test
    void isUnknownWithoutAUrl_forZeroShas_unknownCommitsAndRefusedSchemes() {
        assertThat(lookup.between(Repository.named("acme/kernel"), m0, m2)).isEmpty();
        assertThat(lookup.between(repository, "0".repeat(40), m2)).isEmpty();
        assertThat(lookup.between(repository, m0, "1234567890123456789012345678901234567890")).isEmpty();
        assertThat(GitWorkspaces.builder().baseDirectory(base).build().changedFiles().between(repository, m0, m2)).isEmpty();
    }

    @Test
    void isUnknownWhenTheRangeOrTheDiffIsOverTheLimits() {
        GitWorkspaces oneCommit = GitWorkspaces.builder().baseDirectory(base).allowSchemes("file").maxCommits(1).build();
        assertThat(oneCommit.changedFiles().between(repository, m0, m2)).isEmpty();
        GitWorkspaces oneFile = GitWorkspaces.builder().baseDirectory(base).allowSchemes("file").maxChangedFiles(1).build();
        assertThat(oneFile.changedFiles().between(repository, m0, m2)).isEmpty();
        assertThat(oneFile.changedFiles().between(repository, m1, p1)).contains(List.of("drivers/gpio.c"));
    }

    @Test
    void usesTheUrlTheHostMapsARepositoryTo() {
        ChangedFiles mirrored = workspaces.changedFiles(r -> Optional.of(repo.url()));
        assertThat(mirrored.between(Repository.named("acme/kernel"), m1, p1)).contains(List.of("drivers/gpio.c"));
    }

    @Test
    void letsTriggerPolicyPathFiltersJudgePullRequests() {
        TriggerPolicy driversOnly = TriggerPolicy.builder().includePaths("drivers/**").changedFiles(lookup).build();
        TriggerPolicy docsOnly = TriggerPolicy.builder().includePaths("docs/**").changedFiles(lookup).build();

        TriggerDecision drivers = driversOnly.decide(pullRequest(p2, m2));
        assertThat(drivers.trigger()).isTrue();
        assertThat(drivers.commits()).containsExactly(p2);
        assertThat(drivers.reason()).contains("'drivers/gpio.c' matches path filter 'drivers/**'");

        TriggerDecision docs = docsOnly.decide(pullRequest(p2, m2));
        assertThat(docs.trigger()).isFalse();
    }

    private PullRequestEvent pullRequest(String head, String baseSha) {
        EventContext context = new EventContext(Provider.GITHUB, Optional.of("d-1"), Instant.EPOCH,
                new RawPayload("pull_request", JsonNodeFactory.instance.objectNode()));
        PullRequest pr = new PullRequest(7, "Add drivers", "open", head, "pr", "main", Optional.of(baseSha), false, false,
                false, List.of(), Optional.empty(), Optional.empty(), Optional.empty());
        return new PullRequestEvent(context, repository, PullRequestAction.of(PullRequestAction.Kind.SYNCHRONIZED, "synchronize"),
                pr, Optional.empty());
    }
}
