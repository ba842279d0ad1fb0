package io.cikit.core.report;

import java.util.Objects;
import java.util.Optional;

/**
 * One file changed between two commits.
 *
 * @param path the path after the change, relative to the repository root, {@code /}-separated
 * @param kind what happened to it; {@link Kind#OTHER} for a status the provider added since
 * @param rawStatus the provider's own word for it ({@code added}, {@code renamed}, …)
 * @param previousPath the path before a rename or copy
 * @param additions lines added, 0 when not known
 * @param deletions lines removed, 0 when not known
 */
public record ChangedFile(String path, Kind kind, String rawStatus, Optional<String> previousPath, int additions,
                          int deletions) {
    public ChangedFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(rawStatus, "rawStatus");
        Objects.requireNonNull(previousPath, "previousPath");
        if (additions < 0 || deletions < 0) {
            throw new IllegalArgumentException("line counts cannot be negative");
        }
    }

    /** What happened to a file. */
    public enum Kind {
        ADDED,
        MODIFIED,
        REMOVED,
        RENAMED,
        COPIED,
        /** The mode or type changed, not the content. */
        CHANGED,
        UNCHANGED,
        /** A status this version does not know: see {@link ChangedFile#rawStatus()}. */
        OTHER
    }
}
