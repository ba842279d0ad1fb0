package io.cikit.vcs.gitlab;

import java.util.Objects;

/** One file's change in a compare or commit diff: paths, the unified diff text, and what happened to the file. */
public record GitLabFileDiff(String oldPath, String newPath, String diff, boolean newFile, boolean renamedFile,
        boolean deletedFile) {
    public GitLabFileDiff {
        Objects.requireNonNull(oldPath, "oldPath");
        Objects.requireNonNull(newPath, "newPath");
        Objects.requireNonNull(diff, "diff");
    }

    /** The path the change is known by: the old one for deletions, the new one otherwise. */
    public String path() {
        return deletedFile ? oldPath : newPath;
    }
}
