package io.cikit.vcs.gitlab;

import java.util.Objects;
import java.util.Optional;

/**
 * One file's change in a compare or commit diff: paths, the diff text, what happened to the file, its modes, and
 * whether GitLab left the diff text out.
 *
 * @param diff the unified diff hunks as GitLab gives them: from the first {@code @@} line, without the
 *     {@code diff --git}/{@code ---}/{@code +++} header lines; a {@code Binary files … differ} line for a binary file;
 *     empty when GitLab left the text out or the content did not change
 * @param aMode the file mode before ({@code 100644}), when GitLab gave one
 * @param bMode the file mode after, when GitLab gave one
 * @param tooLarge GitLab left the diff text out and will not give it ({@code too_large})
 * @param collapsed GitLab left the diff text out of this answer, but would give it on its own request ({@code collapsed})
 */
public record GitLabFileDiff(String oldPath, String newPath, String diff, boolean newFile, boolean renamedFile,
        boolean deletedFile, Optional<String> aMode, Optional<String> bMode, boolean tooLarge, boolean collapsed) {
    public GitLabFileDiff {
        Objects.requireNonNull(oldPath, "oldPath");
        Objects.requireNonNull(newPath, "newPath");
        Objects.requireNonNull(diff, "diff");
        Objects.requireNonNull(aMode, "aMode");
        Objects.requireNonNull(bMode, "bMode");
    }

    /** A file diff without modes whose text GitLab did not leave out. */
    public GitLabFileDiff(String oldPath, String newPath, String diff, boolean newFile, boolean renamedFile,
            boolean deletedFile) {
        this(oldPath, newPath, diff, newFile, renamedFile, deletedFile, Optional.empty(), Optional.empty(), false, false);
    }

    /** The path the change is known by: the old one for deletions, the new one otherwise. */
    public String path() {
        return deletedFile ? oldPath : newPath;
    }

    /** Whether GitLab said it left the diff text out ({@code too_large} or {@code collapsed}). */
    public boolean diffLeftOut() {
        return tooLarge || collapsed;
    }
}
