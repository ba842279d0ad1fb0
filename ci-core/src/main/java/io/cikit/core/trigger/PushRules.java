package io.cikit.core.trigger;

import io.cikit.core.event.CommitInfo;
import io.cikit.core.event.PushEvent;
import io.cikit.core.trigger.GlobFilter.Verdict;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Decides pushes: deletions, tag pushes, branch filters, skip markers, path filters, and which commits to test. */
final class PushRules {
    private final Settings settings;
    private final PathRules paths;

    PushRules(Settings settings, PathRules paths) {
        this.settings = settings;
        this.paths = paths;
    }

    TriggerDecision decide(PushEvent push) {
        Optional<String> tag = push.tag();
        Optional<String> branch = push.branch();
        String refName = tag.map(t -> "tag '" + t + "'").or(() -> branch.map(b -> "branch '" + b + "'"))
                .orElse("ref '" + push.ref() + "'");
        if (push.deleted() || PushEvent.isZeroSha(push.after())) {
            return TriggerDecision.skip(refName + " was deleted: nothing to test");
        }
        if (tag.isPresent()) {
            return tagPush(push, tag.get());
        }
        if (branch.isEmpty()) {
            return TriggerDecision.skip(refName + " is neither a branch nor a tag: nothing to test");
        }
        String name = branch.get();
        Verdict verdict = settings.branches().test(name);
        if (!verdict.passes()) {
            return TriggerDecision.skip(Reasons.rejected("branch", name, verdict, settings.branches()));
        }
        Optional<String> marker = headCommit(push).flatMap(head -> settings.skipMarkers().find(head.message()));
        if (marker.isPresent()) {
            return TriggerDecision.skip(Reasons.skippedByMarker("head commit", marker.get()));
        }
        String what = "push to " + name + Reasons.admitted("branch", verdict, settings.branches());
        if (push.created() && push.commits().isEmpty()) {
            // Nothing new was pushed, so there is no change for path filters to look at: the option alone decides.
            if (!settings.testNewBranches()) {
                return TriggerDecision.skip("branch '" + name + "' was created with no new commits and testNewBranches is off");
            }
            return Reasons.runOnHead(what + "; new branch with no new commits: testing its head", push.after());
        }
        PathRules.Outcome pathOutcome = paths.forPush(push);
        if (!pathOutcome.passes()) {
            return TriggerDecision.skip("push to " + name + ": " + pathOutcome.note());
        }
        String reason = pathOutcome.note().isEmpty() ? what : what + "; " + pathOutcome.note();
        return settings.testEachCommit() ? eachCommit(push, reason) : Reasons.runOnHead(reason, push.after());
    }

    private TriggerDecision tagPush(PushEvent push, String tag) {
        if (!settings.testTags()) {
            return TriggerDecision.skip("tag '" + tag + "' pushed, but tags are not tested (testTags is off)");
        }
        Verdict verdict = settings.tags().test(tag);
        if (!verdict.passes()) {
            return TriggerDecision.skip(Reasons.rejected("tag", tag, verdict, settings.tags()));
        }
        // GitHub honours skip markers on tag pushes too (the tagged commit is the head commit).
        Optional<String> marker = headCommit(push).flatMap(head -> settings.skipMarkers().find(head.message()));
        if (marker.isPresent()) {
            return TriggerDecision.skip(Reasons.skippedByMarker("tagged commit", marker.get()));
        }
        return Reasons.runOnHead("tag '" + tag + "'" + Reasons.admitted("tag", verdict, settings.tags()), push.after());
    }

    /** The head commit as the payload names it, else the listed commit whose sha is {@code after}. */
    private static Optional<CommitInfo> headCommit(PushEvent push) {
        return push.headCommit().or(() -> push.commits().stream().filter(c -> c.sha().equals(push.after())).reduce((a, b) -> b));
    }

    private TriggerDecision eachCommit(PushEvent push, String reason) {
        if (push.after().isBlank()) {
            return Reasons.runOnHead(reason, push.after());
        }
        Set<String> seen = new HashSet<>(Set.of(push.after()));
        List<String> chosen = new ArrayList<>();
        int markedOut = 0;
        for (CommitInfo commit : push.commits()) {
            if (!seen.add(commit.sha())) {
                continue;
            }
            if (settings.skipMarkers().find(commit.message()).isPresent()) {
                markedOut++;
            } else {
                chosen.add(commit.sha());
            }
        }
        // The head is always tested and always last, whatever order or gaps the payload's list has.
        chosen.add(push.after());
        List<String> shas = chosen;
        StringBuilder why = new StringBuilder(reason);
        int max = settings.maxCommitsPerPush();
        if (shas.size() > max) {
            why.append("; testing the newest ").append(max).append(" of ").append(shas.size())
                    .append(" commits (maxCommitsPerPush=").append(max).append(')');
            shas = shas.subList(shas.size() - max, shas.size());
        } else {
            why.append("; testing ").append(shas.size()).append(shas.size() == 1 ? " commit" : " commits");
        }
        if (markedOut > 0) {
            why.append("; ").append(markedOut).append(markedOut == 1 ? " commit" : " commits").append(" left out for skip markers");
        }
        if (push.commitsTruncated()) {
            why.append("; the payload listed ").append(push.commits().size()).append(" of ").append(push.totalCommits())
                    .append(" commits, so only those were considered");
        }
        return TriggerDecision.run(why.toString(), shas);
    }
}
