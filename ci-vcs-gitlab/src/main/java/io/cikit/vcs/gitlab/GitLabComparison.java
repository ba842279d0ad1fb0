package io.cikit.vcs.gitlab;

import io.cikit.core.event.CommitInfo;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code GET /projects/:id/repository/compare} answers: the commits between two refs and the file diffs.
 *
 * @param timedOut GitLab gave up computing the diff ({@code compare_timeout}); {@code diffs} is then incomplete
 */
public record GitLabComparison(List<CommitInfo> commits, List<GitLabFileDiff> diffs, boolean timedOut,
        Optional<String> webUrl) {
    public GitLabComparison {
        commits = List.copyOf(commits);
        diffs = List.copyOf(diffs);
        Objects.requireNonNull(webUrl, "webUrl");
    }

    /** Every path touched, each once, in diff order. */
    public List<String> changedFiles() {
        LinkedHashSet<String> paths = new LinkedHashSet<>();
        for (GitLabFileDiff d : diffs) {
            paths.add(d.path());
        }
        return List.copyOf(paths);
    }
}
