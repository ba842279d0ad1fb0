package io.cikit.core.trigger;

import static io.cikit.core.trigger.TestEvents.pr;
import static io.cikit.core.trigger.TestEvents.pushToBranch;
import static io.cikit.core.trigger.TestEvents.sha;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cikit.core.config.ConfigurationException;
import io.cikit.core.event.CiEvent;
import io.cikit.core.event.PullRequestAction.Kind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class TriggerPolicyTest {

    @Test
    void aSkipCarriesNoCommitsAndEveryDecisionAReason() {
        assertThatThrownBy(() -> new TriggerDecision(false, "no", List.of(sha(1)))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TriggerDecision.run(" ", List.of(sha(1)))).isInstanceOf(IllegalArgumentException.class);
        assertThat(TriggerDecision.skip("because").commits()).isEmpty();
    }

    @Test
    void aDecisionKeepsItsOwnCopyOfTheCommits() {
        List<String> shas = new ArrayList<>(List.of(sha(1)));
        TriggerDecision decision = TriggerDecision.run("why", shas);
        shas.add(sha(2));

        assertThat(decision.commits()).containsExactly(sha(1));
        assertThatThrownBy(() -> decision.commits().add(sha(3))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void buildReportsEveryProblemAtOnce() {
        TriggerPolicy.Builder builder = TriggerPolicy.builder()
                .includeBranches("release/[1-")
                .excludePaths("{a,b")
                .extraSkipMarkers(" ")
                .commentCommands("")
                .maxCommitsPerPush(0);

        assertThatThrownBy(builder::build)
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).hasSize(5)
                        .anySatisfy(p -> assertThat(p).startsWith("branches: malformed glob 'release/[1-'"))
                        .anySatisfy(p -> assertThat(p).startsWith("paths: malformed glob '{a,b'"))
                        .anySatisfy(p -> assertThat(p).contains("skip marker must not be blank"))
                        .anySatisfy(p -> assertThat(p).contains("comment command must not be blank"))
                        .anySatisfy(p -> assertThat(p).isEqualTo("maxCommitsPerPush must be between 1 and 2048, was 0")));
    }

    @Test
    void maxCommitsPerPushIsBoundedAbove() {
        assertThatThrownBy(() -> TriggerPolicy.builder().maxCommitsPerPush(TriggerPolicy.MAX_COMMITS_LIMIT + 1).build())
                .isInstanceOf(ConfigurationException.class);
        assertThat(TriggerPolicy.builder().maxCommitsPerPush(TriggerPolicy.MAX_COMMITS_LIMIT).build()).isNotNull();
    }

    @Test
    void laterSettersReplaceEarlierOnes() {
        TriggerPolicy policy = TriggerPolicy.builder().includeBranches("main").includeBranches("dev").build();

        assertThat(policy.decide(pushToBranch("main").commit(sha(1), "x").build()).trigger()).isFalse();
        assertThat(policy.decide(pushToBranch("dev").commit(sha(1), "x").build()).trigger()).isTrue();
    }

    @Test
    void toBuilderKeepsEveryOptionSoTheCopyDecidesAlike() {
        TriggerPolicy original = TriggerPolicy.builder()
                .includeBranches("main").excludeBranches("main-old").includeTags("v*").excludeTags("*-rc*")
                .includePullRequestBaseBranches("main").excludePullRequestBaseBranches("x")
                .includePaths("src/**").excludePaths("src/**/*.md").changedFiles(ChangedFiles.unavailable())
                .extraSkipMarkers("[skip lab]").skipOnPullRequestTitle(true).pullRequestActions(EnumSet.of(Kind.OPENED))
                .skipDrafts(false).requiredLabels("ok").forbiddenLabels("wip").testForks(false).testTags(false)
                .testNewBranches(false).commentCommands("/lab").allowedCommenters("alice").testEachCommit(true)
                .maxCommitsPerPush(3).build();
        TriggerPolicy copy = original.toBuilder().build();
        List<CiEvent> events = List.of(
                pushToBranch("main").commit(sha(1), "a", "src/a.c").commit(sha(2), "b [skip lab]", "src/b.c").commit(sha(3), "c", "src/c.c").build(),
                pushToBranch("main").commit(sha(1), "a", "src/a.md").build(),
                pushToBranch("main-old").commit(sha(1), "a", "src/a.c").build(),
                TestEvents.push("refs/tags/v1").commit(sha(1), "a").build(),
                pr(Kind.OPENED).labels("ok").build(),
                pr(Kind.OPENED).labels("ok").title("[skip ci] x").build(),
                pr(Kind.OPENED).labels("ok").fork().build(),
                pr(Kind.OPENED).labels("ok", "wip").draft().build(),
                pr(Kind.SYNCHRONIZED).labels("ok").build(),
                TestEvents.comment("/lab").pullRequest(java.util.Optional.of(pr(Kind.OPENED).labels("ok").pullRequest())).build(),
                TestEvents.comment("/retest").build());

        for (CiEvent event : events) {
            assertThat(copy.decide(event)).as(event.toString()).isEqualTo(original.decide(event));
        }
        assertThat(original.decide(events.get(0)).commits()).containsExactly(sha(1), sha(3));
    }

    @Test
    void everyDecisionIsCountedByEventTypeAndOutcome() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TriggerPolicy policy = TriggerPolicy.builder().meterRegistry(registry).build();

        policy.decide(pushToBranch("main").commit(sha(1), "x").build());
        policy.decide(pushToBranch("main").commit(sha(1), "x").build());
        policy.decide(pushToBranch("main").commit(sha(1), "[skip ci]").build());
        policy.decide(TestEvents.genericEvent("ping"));

        assertThat(registry.counter("cikit.trigger.decisions", "event", "push", "outcome", "run").count()).isEqualTo(2.0);
        assertThat(registry.counter("cikit.trigger.decisions", "event", "push", "outcome", "skip").count()).isEqualTo(1.0);
        assertThat(registry.counter("cikit.trigger.decisions", "event", "other", "outcome", "skip").count()).isEqualTo(1.0);
    }

    @Test
    void changedFileLookupsAreCountedByOutcome() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TriggerPolicy failing = TriggerPolicy.builder().meterRegistry(registry).includePaths("src/**").changedFiles((r, b, h) -> {
            throw new IllegalStateException("down");
        }).build();

        failing.decide(pushToBranch("main").commit(sha(1), "x").truncated(40).build());

        assertThat(registry.counter("cikit.trigger.changed_files.lookups", "outcome", "failed").count()).isEqualTo(1.0);
    }

    @Test
    void onePolicyDecidesAlikeFromManyThreads() throws Exception {
        TriggerPolicy policy = TriggerPolicy.builder().includeBranches("main", "release/*").testEachCommit(true)
                .meterRegistry(new SimpleMeterRegistry()).build();
        List<CiEvent> events = List.of(
                pushToBranch("main").commit(sha(1), "a").commit(sha(2), "b").build(),
                pushToBranch("dev").commit(sha(1), "a").build(),
                pr(Kind.OPENED).build());
        List<TriggerDecision> expected = events.stream().map(policy::decide).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<TriggerDecision>>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    List<TriggerDecision> last = List.of();
                    for (int i = 0; i < 200; i++) {
                        last = events.stream().map(policy::decide).toList();
                    }
                    return last;
                }));
            }
            for (Future<List<TriggerDecision>> result : results) {
                assertThat(result.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
