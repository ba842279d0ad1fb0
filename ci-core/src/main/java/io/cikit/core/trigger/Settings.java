package io.cikit.core.trigger;

import io.cikit.core.event.PullRequestAction;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A {@link TriggerPolicy}'s validated options, shared by the rules for each kind of event. Immutable. */
record Settings(
        GlobFilter branches,
        GlobFilter tags,
        GlobFilter baseBranches,
        GlobFilter paths,
        Optional<ChangedFiles> changedFiles,
        SkipMarkers skipMarkers,
        List<String> extraSkipMarkers,
        boolean skipOnPullRequestTitle,
        Set<PullRequestAction.Kind> pullRequestActions,
        boolean skipDrafts,
        List<String> requiredLabels,
        List<String> forbiddenLabels,
        boolean testForks,
        boolean testTags,
        boolean testNewBranches,
        List<String> commentCommands,
        Set<String> allowedCommenters,
        boolean testEachCommit,
        int maxCommitsPerPush) {
}
