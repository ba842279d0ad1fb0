package io.cikit.core.trigger;

import static io.cikit.core.trigger.TestEvents.pr;
import static io.cikit.core.trigger.TestEvents.pushToBranch;
import static io.cikit.core.trigger.TestEvents.sha;
import static org.assertj.core.api.Assertions.assertThat;

import io.cikit.core.event.CiEvent;
import io.cikit.core.event.PullRequestAction.Kind;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The snippets in docs/trigger.md, compiled and checked here; keep the two in step. */
class TriggerPolicyDocExamplesTest {

    @Test
    void kernelTreeExample() {
        CiEvent event = pushToBranch("main").commit(sha(1), "gpio: fix irq", "drivers/gpio/gpio-x.c").build();

        // tag::kernel[]
        TriggerPolicy policy = TriggerPolicy.builder()
                .includeBranches("main", "release/*")
                .excludeBranches("release/old-*")
                .includePaths("arch/{arm,arm64}/**", "drivers/**", "kernel/**")
                .excludePaths("**/*.md", "Documentation/**")
                .changedFiles((repo, base, head) -> Optional.empty()) // the GitHub/GitLab client's compare, later
                .build();

        TriggerDecision decision = policy.decide(event);
        if (decision.trigger()) {
            decision.commits().forEach(sha -> System.out.println("test " + sha + ": " + decision.reason()));
        }
        // end::kernel[]

        assertThat(decision.trigger()).isTrue();
        assertThat(decision.reason()).isEqualTo("push to main matches branch filter 'main'; "
                + "'drivers/gpio/gpio-x.c' matches path filter 'drivers/**'");
    }

    @Test
    void gatedForksExample() {
        // tag::forks[]
        TriggerPolicy policy = TriggerPolicy.builder()
                .testForks(false)                      // forks run only when a maintainer asks
                .allowedCommenters("alice", "bob")     // ... with /retest or /test
                .forbiddenLabels("do-not-test")
                .pullRequestActions(EnumSet.of(Kind.OPENED, Kind.SYNCHRONIZED, Kind.REOPENED, Kind.READY_FOR_REVIEW))
                .build();
        // end::forks[]

        TriggerDecision opened = policy.decide(pr(Kind.OPENED).fork().build());
        TriggerDecision retest = policy.decide(TestEvents.comment("/retest")
                .pullRequest(Optional.of(pr(Kind.OPENED).fork().pullRequest())).build());

        assertThat(opened.reason()).isEqualTo("pull request #7 comes from a fork and testForks is off");
        assertThat(retest.trigger()).isTrue();
        assertThat(retest.reason()).isEqualTo("'/retest' by alice on pull request #7");
    }

    @Test
    void eachCommitExample() {
        CiEvent event = pushToBranch("main").commit(sha(1), "a").commit(sha(2), "b [skip ci]").commit(sha(3), "c")
                .commit(sha(4), "d").build();

        // tag::each[]
        TriggerPolicy policy = TriggerPolicy.builder()
                .testEachCommit(true)
                .maxCommitsPerPush(2)
                .build();
        // end::each[]

        TriggerDecision decision = policy.decide(event);
        assertThat(decision.commits()).isEqualTo(List.of(sha(3), sha(4)));
        assertThat(decision.reason()).isEqualTo("push to main (every branch is tested); testing the newest 2 of 3 commits"
                + " (maxCommitsPerPush=2); 1 commit left out for skip markers");
    }
}
