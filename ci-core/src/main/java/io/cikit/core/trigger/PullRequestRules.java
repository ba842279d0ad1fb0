package io.cikit.core.trigger;

import io.cikit.core.event.PullRequest;
import io.cikit.core.event.PullRequestAction.Kind;
import io.cikit.core.event.PullRequestEvent;
import io.cikit.core.trigger.GlobFilter.Verdict;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Decides pull/merge request events: action, draft, base branch, fork, labels, title marker, paths. */
final class PullRequestRules {
    private final Settings settings;
    private final PathRules paths;

    PullRequestRules(Settings settings, PathRules paths) {
        this.settings = settings;
        this.paths = paths;
    }

    TriggerDecision decide(PullRequestEvent event) {
        PullRequest pr = event.pullRequest();
        Kind kind = event.action().kind();
        String name = "pull request #" + pr.number();
        if (!settings.pullRequestActions().contains(kind)) {
            return TriggerDecision.skip(name + " action '" + event.action().raw() + "' is not tested (tested: "
                    + describe(settings.pullRequestActions()) + ")");
        }
        // Leaving draft is exactly when a skipped draft should start being tested, whatever the payload's flag says.
        if (settings.skipDrafts() && pr.draft() && kind != Kind.READY_FOR_REVIEW) {
            return TriggerDecision.skip(name + " is a draft (skipDrafts is on)");
        }
        Optional<TriggerDecision> refused = refusal(pr, false);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (settings.skipOnPullRequestTitle()) {
            Optional<String> marker = settings.skipMarkers().findInTitle(pr.title());
            if (marker.isPresent()) {
                return TriggerDecision.skip(Reasons.skippedByMarker("pull request title", marker.get()));
            }
        }
        PathRules.Outcome pathOutcome = paths.forPullRequest(event.repository(), pr);
        if (!pathOutcome.passes()) {
            return TriggerDecision.skip(name + ": " + pathOutcome.note());
        }
        Verdict base = settings.baseBranches().test(pr.baseRef());
        String reason = name + " (" + event.action().raw() + ") into " + pr.baseRef()
                + Reasons.admitted("base branch", base, settings.baseBranches())
                + (pathOutcome.note().isEmpty() ? "" : "; " + pathOutcome.note());
        return Reasons.runOnHead(reason, pr.headSha());
    }

    /**
     * The rules that hold however a pull request came to be tested (event or comment command): base branch, fork,
     * labels. Empty when none refuses it.
     *
     * @param forkApproved true when someone trusted asked for the run, which lets a fork's code in
     */
    Optional<TriggerDecision> refusal(PullRequest pr, boolean forkApproved) {
        String name = "pull request #" + pr.number();
        Verdict base = settings.baseBranches().test(pr.baseRef());
        if (!base.passes()) {
            return Optional.of(TriggerDecision.skip(name + ": " + Reasons.rejected("base branch", pr.baseRef(), base, settings.baseBranches())));
        }
        if (pr.fromFork() && !settings.testForks() && !forkApproved) {
            return Optional.of(TriggerDecision.skip(name + " comes from a fork and testForks is off"));
        }
        Set<String> labels = pr.labels().stream().map(l -> l.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        for (String required : settings.requiredLabels()) {
            if (!labels.contains(required.toLowerCase(Locale.ROOT))) {
                return Optional.of(TriggerDecision.skip(name + " lacks the required label '" + required + "'"));
            }
        }
        for (String forbidden : settings.forbiddenLabels()) {
            if (labels.contains(forbidden.toLowerCase(Locale.ROOT))) {
                return Optional.of(TriggerDecision.skip(name + " has the forbidden label '" + forbidden + "'"));
            }
        }
        return Optional.empty();
    }

    private static String describe(Set<Kind> kinds) {
        if (kinds.isEmpty()) {
            return "none";
        }
        List<String> names = kinds.stream().sorted().map(Reasons::lower).toList();
        return String.join(", ", names);
    }
}
