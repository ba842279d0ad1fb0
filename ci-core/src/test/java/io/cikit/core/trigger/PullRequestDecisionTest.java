package io.cikit.core.trigger;

import static io.cikit.core.trigger.TestEvents.pr;
import static io.cikit.core.trigger.TestEvents.sha;
import static org.assertj.core.api.Assertions.assertThat;

import io.cikit.core.event.PullRequestAction.Kind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PullRequestDecisionTest {
    private final TriggerPolicy defaults = TriggerPolicy.defaults();

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"OPENED", "SYNCHRONIZED", "REOPENED", "READY_FOR_REVIEW"})
    void theDefaultActionsTestTheHeadCommit(Kind kind) {
        TriggerDecision decision = defaults.decide(pr(kind).build());

        assertThat(decision.trigger()).isTrue();
        assertThat(decision.commits()).containsExactly(sha(7));
    }

    @Test
    void theReasonNamesThePullRequestActionAndBase() {
        TriggerDecision decision = defaults.decide(pr(Kind.SYNCHRONIZED).build());

        assertThat(decision.reason()).isEqualTo("pull request #7 (synchronize) into main (every base branch is tested)");
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"CLOSED", "MERGED", "EDITED", "CONVERTED_TO_DRAFT", "LABELED", "UNLABELED",
            "APPROVED", "UNAPPROVED", "OTHER"})
    void otherActionsAreNotTestedByDefault(Kind kind) {
        TriggerDecision decision = defaults.decide(pr(kind).raw("whatever").build());

        assertThat(decision.trigger()).isFalse();
        assertThat(decision.reason()).isEqualTo("pull request #7 action 'whatever' is not tested (tested: opened, synchronized,"
                + " reopened, ready_for_review)");
    }

    @Test
    void theTestedActionsAreConfigurable() {
        TriggerPolicy policy = TriggerPolicy.builder().pullRequestActions(EnumSet.of(Kind.LABELED)).build();

        assertThat(policy.decide(pr(Kind.LABELED).build()).trigger()).isTrue();
        assertThat(policy.decide(pr(Kind.OPENED).build()).trigger()).isFalse();
        assertThat(TriggerPolicy.builder().pullRequestActions(Set.of()).build().decide(pr(Kind.OPENED).build()).reason())
                .contains("(tested: none)");
    }

    @Test
    void draftsAreSkippedByDefault() {
        TriggerDecision decision = defaults.decide(pr(Kind.OPENED).draft().build());

        assertThat(decision.trigger()).isFalse();
        assertThat(decision.reason()).isEqualTo("pull request #7 is a draft (skipDrafts is on)");
    }

    @Test
    void draftsAreTestedWhenSkipDraftsIsOff() {
        TriggerPolicy policy = TriggerPolicy.builder().skipDrafts(false).build();

        assertThat(policy.decide(pr(Kind.SYNCHRONIZED).draft().build()).trigger()).isTrue();
    }

    @Test
    void readyForReviewTriggersEvenIfThePayloadStillSaysDraft() {
        assertThat(defaults.decide(pr(Kind.READY_FOR_REVIEW).draft().build()).trigger()).isTrue();
    }

    @Test
    void baseBranchFiltersIncludeAndExcludeWins() {
        TriggerPolicy policy = TriggerPolicy.builder().includePullRequestBaseBranches("main", "release/*")
                .excludePullRequestBaseBranches("release/old").build();

        TriggerDecision main = policy.decide(pr(Kind.OPENED).build());
        TriggerDecision old = policy.decide(pr(Kind.OPENED).base("release/old", Optional.empty()).build());
        TriggerDecision dev = policy.decide(pr(Kind.OPENED).base("dev", Optional.empty()).build());

        assertThat(main.reason()).isEqualTo("pull request #7 (opened) into main matches base branch filter 'main'");
        assertThat(old.reason()).isEqualTo("pull request #7: base branch 'release/old' excluded by 'release/old'");
        assertThat(dev.reason()).isEqualTo("pull request #7: base branch 'dev' matches no base branch filter ('main', 'release/*')");
    }

    @Test
    void branchFiltersDoNotApplyToPullRequests() {
        TriggerPolicy policy = TriggerPolicy.builder().includeBranches("release/*").build();

        assertThat(policy.decide(pr(Kind.OPENED).build()).trigger()).isTrue();
    }

    @Test
    void forkPullRequestsAreTestedByDefault() {
        assertThat(defaults.decide(pr(Kind.OPENED).fork().build()).trigger()).isTrue();
    }

    @Test
    void forkPullRequestsAreSkippedWhenTestForksIsOff() {
        TriggerPolicy policy = TriggerPolicy.builder().testForks(false).build();

        TriggerDecision decision = policy.decide(pr(Kind.OPENED).fork().build());

        assertThat(decision.trigger()).isFalse();
        assertThat(decision.reason()).isEqualTo("pull request #7 comes from a fork and testForks is off");
        assertThat(policy.decide(pr(Kind.OPENED).build()).trigger()).isTrue();
    }

    @Test
    void everyRequiredLabelMustBePresentIgnoringCase() {
        TriggerPolicy policy = TriggerPolicy.builder().requiredLabels("ok-to-test", "hw").build();

        TriggerDecision both = policy.decide(pr(Kind.OPENED).labels("OK-to-test", "hw", "other").build());
        TriggerDecision one = policy.decide(pr(Kind.OPENED).labels("hw").build());

        assertThat(both.trigger()).isTrue();
        assertThat(one.trigger()).isFalse();
        assertThat(one.reason()).isEqualTo("pull request #7 lacks the required label 'ok-to-test'");
    }

    @Test
    void anyForbiddenLabelSkips() {
        TriggerPolicy policy = TriggerPolicy.builder().forbiddenLabels("do-not-test", "wip").build();

        TriggerDecision decision = policy.decide(pr(Kind.OPENED).labels("bug", "WIP").build());

        assertThat(decision.trigger()).isFalse();
        assertThat(decision.reason()).isEqualTo("pull request #7 has the forbidden label 'wip'");
        assertThat(policy.decide(pr(Kind.OPENED).labels("bug").build()).trigger()).isTrue();
    }

    @Test
    void aSkipMarkerInTheTitleCountsOnlyWhenAskedFor() {
        TriggerPolicy policy = TriggerPolicy.builder().skipOnPullRequestTitle(true).build();

        TriggerDecision asked = policy.decide(pr(Kind.OPENED).title("Docs only [Skip CI]").build());
        TriggerDecision notAsked = defaults.decide(pr(Kind.OPENED).title("Docs only [skip ci]").build());

        assertThat(asked.trigger()).isFalse();
        assertThat(asked.reason()).isEqualTo("skipped: pull request title says [skip ci]");
        assertThat(notAsked.trigger()).isTrue();
    }

    @Test
    void pathFiltersAskTheLookupBetweenBaseShaAndHead() {
        List<String> asked = new ArrayList<>();
        TriggerPolicy policy = TriggerPolicy.builder().includePaths("drivers/**").changedFiles((repo, base, head) -> {
            asked.add(base + "..." + head);
            return Optional.of(List.of("Documentation/x.rst"));
        }).build();

        TriggerDecision decision = policy.decide(pr(Kind.OPENED).build());

        assertThat(asked).containsExactly(sha(6) + "..." + sha(7));
        assertThat(decision.trigger()).isFalse();
        assertThat(decision.reason()).startsWith("pull request #7: no changed file passes the path filters");
    }

    @Test
    void pathFiltersUseTheBaseBranchWhenItsShaIsUnknown() {
        List<String> bases = new ArrayList<>();
        TriggerPolicy policy = TriggerPolicy.builder().includePaths("drivers/**").changedFiles((repo, base, head) -> {
            bases.add(base);
            return Optional.of(List.of("drivers/x.c"));
        }).build();

        TriggerDecision decision = policy.decide(pr(Kind.OPENED).base("main", Optional.empty()).build());

        assertThat(bases).containsExactly("main");
        assertThat(decision.trigger()).isTrue();
        assertThat(decision.reason()).endsWith("; 'drivers/x.c' matches path filter 'drivers/**'");
    }

    @Test
    void pathFiltersWithoutALookupFailOpen() {
        TriggerPolicy policy = TriggerPolicy.builder().includePaths("drivers/**").build();

        TriggerDecision decision = policy.decide(pr(Kind.OPENED).build());

        assertThat(decision.trigger()).isTrue();
        assertThat(decision.reason()).contains("changed-file list unavailable (pull request events list no files");
    }

    @Test
    void aPullRequestWithoutAUsableHeadShaRunsWithNoCommitsAndSaysTheHeadMustBeResolved() {
        TriggerDecision decision = defaults.decide(pr(Kind.OPENED).headSha("").build());

        assertThat(decision.trigger()).isTrue();
        assertThat(decision.commits()).isEmpty();
        assertThat(decision.reason()).contains("must be resolved");
    }
}
