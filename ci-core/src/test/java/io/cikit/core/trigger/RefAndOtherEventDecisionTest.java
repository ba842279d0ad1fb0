package io.cikit.core.trigger;

import static io.cikit.core.trigger.TestEvents.branchEvent;
import static io.cikit.core.trigger.TestEvents.sha;
import static io.cikit.core.trigger.TestEvents.tagEvent;
import static org.assertj.core.api.Assertions.assertThat;

import io.cikit.core.event.PushEvent;
import io.cikit.core.event.RefAction;
import org.junit.jupiter.api.Test;

class RefAndOtherEventDecisionTest {
    private final TriggerPolicy defaults = TriggerPolicy.defaults();

    @Test
    void aCreatedTagWithAShaIsTested() {
        TriggerDecision decision = defaults.decide(tagEvent("v1.0", sha(1), RefAction.CREATED));

        assertThat(decision.trigger()).isTrue();
        assertThat(decision.commits()).containsExactly(sha(1));
        assertThat(decision.reason()).isEqualTo("tag 'v1.0' created (every tag is tested)");
    }

    @Test
    void aTagEventWithoutAShaLeavesTheDecisionToThePush() {
        TriggerDecision decision = defaults.decide(tagEvent("v1.0", PushEvent.ZERO_SHA, RefAction.CREATED));

        assertThat(decision.trigger()).isFalse();
        assertThat(decision.reason()).contains("does not carry its sha: the push event for the ref decides");
    }

    @Test
    void aDeletedTagIsNotTested() {
        TriggerDecision decision = defaults.decide(tagEvent("v1.0", sha(1), RefAction.DELETED));

        assertThat(decision.trigger()).isFalse();
        assertThat(decision.reason()).isEqualTo("tag 'v1.0' was deleted: nothing to test");
    }

    @Test
    void tagEventsFollowTestTagsAndTheTagFilters() {
        TriggerPolicy noTags = TriggerPolicy.builder().testTags(false).build();
        TriggerPolicy releases = TriggerPolicy.builder().includeTags("v*").excludeTags("*-rc*").build();

        assertThat(noTags.decide(tagEvent("v1.0", sha(1), RefAction.CREATED)).reason()).contains("testTags is off");
        assertThat(releases.decide(tagEvent("v1.0", sha(1), RefAction.UPDATED)).trigger()).isTrue();
        assertThat(releases.decide(tagEvent("v1.0-rc1", sha(1), RefAction.CREATED)).reason()).isEqualTo("tag 'v1.0-rc1' excluded by '*-rc*'");
    }

    @Test
    void aCreatedBranchWithAShaIsTestedUnlessTestNewBranchesIsOff() {
        TriggerDecision on = defaults.decide(branchEvent("topic", sha(2), RefAction.CREATED));
        TriggerDecision off = TriggerPolicy.builder().testNewBranches(false).build().decide(branchEvent("topic", sha(2), RefAction.CREATED));

        assertThat(on.trigger()).isTrue();
        assertThat(on.commits()).containsExactly(sha(2));
        assertThat(on.reason()).isEqualTo("branch 'topic' created (every branch is tested)");
        assertThat(off.trigger()).isFalse();
        assertThat(off.reason()).isEqualTo("branch 'topic' was created and testNewBranches is off");
    }

    @Test
    void aBranchEventWithoutAShaLeavesTheDecisionToThePush() {
        assertThat(defaults.decide(branchEvent("topic", PushEvent.ZERO_SHA, RefAction.CREATED)).trigger()).isFalse();
    }

    @Test
    void aDeletedBranchIsNotTested() {
        TriggerDecision decision = defaults.decide(branchEvent("topic", sha(2), RefAction.DELETED));

        assertThat(decision.trigger()).isFalse();
        assertThat(decision.reason()).isEqualTo("branch 'topic' was deleted: nothing to test");
    }

    @Test
    void branchEventsFollowTheBranchFilters() {
        TriggerPolicy policy = TriggerPolicy.builder().excludeBranches("dependabot/**").build();

        TriggerDecision decision = policy.decide(branchEvent("dependabot/npm/x", sha(2), RefAction.CREATED));

        assertThat(decision.trigger()).isFalse();
        assertThat(decision.reason()).isEqualTo("branch 'dependabot/npm/x' excluded by 'dependabot/**'");
    }

    @Test
    void buildEventsAreLeftToBuildIntegration() {
        TriggerDecision decision = defaults.decide(TestEvents.buildEvent());

        assertThat(decision.trigger()).isFalse();
        assertThat(decision.reason()).isEqualTo("build run-1: builds are decided by BuildIntegration, not by the trigger policy");
    }

    @Test
    void genericEventsCarryNothingToTest() {
        TriggerDecision decision = defaults.decide(TestEvents.genericEvent("ping"));

        assertThat(decision.trigger()).isFalse();
        assertThat(decision.reason()).isEqualTo("'ping' event: generic events carry nothing to test");
    }
}
