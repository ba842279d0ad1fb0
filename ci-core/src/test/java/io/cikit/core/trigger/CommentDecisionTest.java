package io.cikit.core.trigger;

import static io.cikit.core.trigger.TestEvents.comment;
import static io.cikit.core.trigger.TestEvents.pr;
import static io.cikit.core.trigger.TestEvents.sha;
import static org.assertj.core.api.Assertions.assertThat;

import io.cikit.core.event.Person;
import io.cikit.core.event.PullRequestAction.Kind;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommentDecisionTest {
    private final TriggerPolicy defaults = TriggerPolicy.defaults();

    @Test
    void retestOnAPullRequestRunsItsHead() {
        TriggerDecision decision = defaults.decide(comment("/retest").build());

        assertThat(decision.trigger()).isTrue();
        assertThat(decision.commits()).containsExactly(sha(7));
        assertThat(decision.reason()).isEqualTo("'/retest' by alice on pull request #7");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/test", "/test boards=rpi4", "  /retest\nplease", "/ReTest", "/TEST"})
    void aCommandAtTheStartFollowedByWhitespaceOrNothingCounts(String body) {
        assertThat(defaults.decide(comment(body).build()).trigger()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/testing", "please /retest", "LGTM", "", "/retested", "`/retest`"})
    void anythingElseIsNotACommand(String body) {
        TriggerDecision decision = defaults.decide(comment(body).build());

        assertThat(decision.trigger()).isFalse();
        assertThat(decision.reason()).isEqualTo("comment on pull request #7 holds no test command ('/retest', '/test')");
    }

    @Test
    void commandsAreConfigurableAndNoneTurnsThemOff() {
        TriggerPolicy custom = TriggerPolicy.builder().commentCommands("/lab").build();
        TriggerPolicy none = TriggerPolicy.builder().commentCommands().build();

        assertThat(custom.decide(comment("/lab").build()).trigger()).isTrue();
        assertThat(custom.decide(comment("/retest").build()).trigger()).isFalse();
        assertThat(none.decide(comment("/retest").build()).reason()).contains("none configured");
    }

    @Test
    void withoutThePullRequestInThePayloadItRunsWithNoCommitsAndSaysTheHeadMustBeResolved() {
        TriggerDecision decision = defaults.decide(comment("/retest").pullRequest(Optional.empty()).build());

        assertThat(decision.trigger()).isTrue();
        assertThat(decision.commits()).isEmpty();
        assertThat(decision.reason()).startsWith("'/retest' by alice on pull request #7; ").contains("head commit must be resolved");
    }

    @Test
    void aCommandOnAPlainIssueIsSkipped() {
        TriggerDecision decision = defaults.decide(comment("/retest").onIssue().build());

        assertThat(decision.trigger()).isFalse();
        assertThat(decision.reason()).isEqualTo("'/retest' on issue #7, which is not a pull request: nothing to test");
    }

    @ParameterizedTest
    @ValueSource(strings = {"edited", "deleted"})
    void editedOrDeletedCommentsDoNotRunCommands(String action) {
        TriggerDecision decision = defaults.decide(comment("/retest").action(action).build());

        assertThat(decision.trigger()).isFalse();
        assertThat(decision.reason()).contains("only new comments run commands");
    }

    @Test
    void anAllowListAdmitsOnlyItsLoginsIgnoringCase() {
        TriggerPolicy policy = TriggerPolicy.builder().allowedCommenters("Alice").build();

        TriggerDecision alice = policy.decide(comment("/retest").build());
        TriggerDecision bob = policy.decide(comment("/retest").by(Optional.of(Person.ofLogin("bob"))).build());
        TriggerDecision nobody = policy.decide(comment("/retest").by(Optional.empty()).build());

        assertThat(alice.trigger()).isTrue();
        assertThat(bob.trigger()).isFalse();
        assertThat(bob.reason()).isEqualTo("'/retest' on pull request #7 ignored: 'bob' is not an allowed commenter");
        assertThat(nobody.trigger()).isFalse();
        assertThat(nobody.reason()).contains("commenter is unknown");
    }

    @Test
    void aClosedOrMergedPullRequestIsNotRetested() {
        TriggerDecision closed = defaults.decide(comment("/retest").pullRequest(Optional.of(pr(Kind.CLOSED).state("closed").pullRequest())).build());
        TriggerDecision merged = defaults.decide(comment("/retest").pullRequest(Optional.of(pr(Kind.MERGED).state("merged").pullRequest())).build());

        assertThat(closed.trigger()).isFalse();
        assertThat(closed.reason()).isEqualTo("'/retest' on pull request #7, which is closed: nothing to test");
        assertThat(merged.trigger()).isFalse();
    }

    @Test
    void aDraftCanBeTestedOnRequest() {
        TriggerDecision decision = defaults.decide(comment("/test").pullRequest(Optional.of(pr(Kind.OPENED).draft().pullRequest())).build());

        assertThat(decision.trigger()).isTrue();
    }

    @Test
    void theBaseBranchAndLabelRulesStillApply() {
        TriggerPolicy policy = TriggerPolicy.builder().includePullRequestBaseBranches("release/*").forbiddenLabels("wip").build();

        TriggerDecision wrongBase = policy.decide(comment("/retest").build());
        TriggerDecision forbidden = policy.decide(comment("/retest")
                .pullRequest(Optional.of(pr(Kind.OPENED).base("release/1", Optional.empty()).labels("wip").pullRequest())).build());

        assertThat(wrongBase.trigger()).isFalse();
        assertThat(wrongBase.reason()).isEqualTo("'/retest' ignored: pull request #7: base branch 'main' matches no base branch"
                + " filter ('release/*')");
        assertThat(forbidden.trigger()).isFalse();
        assertThat(forbidden.reason()).contains("forbidden label 'wip'");
    }

    @Test
    void aForkIsTestedOnRequestOnlyByAnAllowedCommenterWhenTestForksIsOff() {
        var forkPr = Optional.of(pr(Kind.OPENED).fork().pullRequest());
        TriggerPolicy anyone = TriggerPolicy.builder().testForks(false).build();
        TriggerPolicy trusted = TriggerPolicy.builder().testForks(false).allowedCommenters("alice").build();

        TriggerDecision byAnyone = anyone.decide(comment("/test").pullRequest(forkPr).build());
        TriggerDecision byTrusted = trusted.decide(comment("/test").pullRequest(forkPr).build());

        assertThat(byAnyone.trigger()).isFalse();
        assertThat(byAnyone.reason()).contains("comes from a fork and testForks is off");
        assertThat(byTrusted.trigger()).isTrue();
        assertThat(byTrusted.commits()).containsExactly(sha(7));
    }
}
