package io.cikit.core.git;

import java.util.List;
import java.util.TreeSet;

/**
 * The files changed between two commits, sorted by path. Renames are detected the way {@code git diff -M} does
 * (exact and similar content, up to JGit's rename limit); a rename is one {@link FileChange}.
 *
 * @param truncated true when more files changed than the configured maximum; {@code files} then holds the first
 *     ones by path
 */
public record FileChanges(List<FileChange> files, boolean truncated) {
    public FileChanges {
        files = List.copyOf(files);
    }

    /**
     * Every path touched, sorted, each once: a rename contributes its old and its new path; a copy only its new
     * one, since the source stays as it was (it is listed on its own when it changed too).
     */
    public List<String> paths() {
        TreeSet<String> paths = new TreeSet<>();
        for (FileChange change : files) {
            paths.add(change.path());
            if (change.type() == FileChange.Type.RENAMED) {
                change.previousPath().ifPresent(paths::add);
            }
        }
        return List.copyOf(paths);
    }
}
