package io.cikit.vcs.gitlab.internal;

import io.cikit.core.report.ChangedFile;
import io.cikit.core.report.CommitDiff;
import io.cikit.vcs.gitlab.GitLabComparison;
import io.cikit.vcs.gitlab.GitLabFileDiff;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** GitLab's compare answer in cikit's reporting words: {@link ChangedFile}s with line counts, and the patch. */
public final class GitLabDiffs {
    private GitLabDiffs() {
    }

    /**
     * The files of a comparison and its {@link GitPatch}. Incomplete, and without a patch, when GitLab timed out or
     * left a file's diff text out ({@code too_large}, {@code collapsed}, or empty for a changed file): the patch is
     * whole or absent.
     */
    public static CommitDiff commitDiff(GitLabComparison comparison) {
        List<ChangedFile> files = new ArrayList<>(comparison.diffs().size());
        for (GitLabFileDiff d : comparison.diffs()) {
            files.add(changedFile(d));
        }
        Optional<String> patch = comparison.timedOut() ? Optional.empty() : GitPatch.of(comparison.diffs());
        return new CommitDiff(files, patch.isPresent(), patch);
    }

    static ChangedFile changedFile(GitLabFileDiff d) {
        ChangedFile.Kind kind;
        String raw;
        Optional<String> previous = Optional.empty();
        if (d.newFile()) {
            kind = ChangedFile.Kind.ADDED;
            raw = "added";
        } else if (d.deletedFile()) {
            kind = ChangedFile.Kind.REMOVED;
            raw = "removed";
        } else if (d.renamedFile()) {
            kind = ChangedFile.Kind.RENAMED;
            raw = "renamed";
            previous = Optional.of(d.oldPath());
        } else {
            kind = ChangedFile.Kind.MODIFIED;
            raw = "modified";
        }
        int additions = 0;
        int deletions = 0;
        // GitLab's diff text starts at the first hunk: no ---/+++ header lines to skip
        for (String line : d.diff().split("\n", -1)) {
            if (line.startsWith("+")) {
                additions++;
            } else if (line.startsWith("-")) {
                deletions++;
            }
        }
        return new ChangedFile(d.path(), kind, raw, previous, additions, deletions);
    }
}
