package io.cikit.core.trigger;

import io.cikit.core.event.BranchEvent;
import io.cikit.core.event.PushEvent;
import io.cikit.core.event.RefAction;
import io.cikit.core.event.TagEvent;
import io.cikit.core.trigger.GlobFilter.Verdict;
import java.util.List;

/**
 * Decides branch and tag events (GitHub {@code create}/{@code delete}): these name a ref and at most its sha, no
 * commits or messages, so only the ref filters and the {@code testTags}/{@code testNewBranches} options apply.
 */
final class RefRules {
    private final Settings settings;

    RefRules(Settings settings) {
        this.settings = settings;
    }

    TriggerDecision decide(TagEvent event) {
        String name = "tag '" + event.name() + "'";
        if (event.action() == RefAction.DELETED) {
            return TriggerDecision.skip(name + " was deleted: nothing to test");
        }
        if (!settings.testTags()) {
            return TriggerDecision.skip(name + " " + Reasons.lower(event.action()) + ", but tags are not tested (testTags is off)");
        }
        Verdict verdict = settings.tags().test(event.name());
        if (!verdict.passes()) {
            return TriggerDecision.skip(Reasons.rejected("tag", event.name(), verdict, settings.tags()));
        }
        return onSha(name + " " + Reasons.lower(event.action()) + Reasons.admitted("tag", verdict, settings.tags()), event.sha());
    }

    TriggerDecision decide(BranchEvent event) {
        String name = "branch '" + event.name() + "'";
        if (event.action() == RefAction.DELETED) {
            return TriggerDecision.skip(name + " was deleted: nothing to test");
        }
        Verdict verdict = settings.branches().test(event.name());
        if (!verdict.passes()) {
            return TriggerDecision.skip(Reasons.rejected("branch", event.name(), verdict, settings.branches()));
        }
        if (event.action() == RefAction.CREATED && !settings.testNewBranches()) {
            return TriggerDecision.skip(name + " was created and testNewBranches is off");
        }
        return onSha(name + " " + Reasons.lower(event.action()) + Reasons.admitted("branch", verdict, settings.branches()), event.sha());
    }

    /**
     * GitHub's create event carries no sha; the push event for the same ref does and decides instead, so the ref
     * is not tested twice.
     */
    private static TriggerDecision onSha(String reason, String sha) {
        if (sha.isBlank() || PushEvent.isZeroSha(sha)) {
            return TriggerDecision.skip(reason + ", but the event does not carry its sha: the push event for the ref decides");
        }
        return TriggerDecision.run(reason, List.of(sha));
    }
}
