package io.cikit.core.git;

import java.util.Objects;
import java.util.Optional;

/**
 * One file changed between two commits.
 *
 * @param path the path after the change ({@code /}-separated, relative to the repository root); for
 *     {@link Type#REMOVED} the path that was removed
 * @param previousPath the path before a {@link Type#RENAMED rename} or {@link Type#COPIED copy}; empty otherwise
 */
public record FileChange(Type type, String path, Optional<String> previousPath) {
    public FileChange {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(previousPath, "previousPath");
        if (previousPath.isPresent() != (type == Type.RENAMED || type == Type.COPIED)) {
            throw new IllegalArgumentException("a previous path is given exactly for renames and copies: " + type);
        }
    }

    /** What happened to the file. */
    public enum Type {
        ADDED, MODIFIED, REMOVED, RENAMED, COPIED
    }

    public static FileChange added(String path) {
        return new FileChange(Type.ADDED, path, Optional.empty());
    }

    public static FileChange modified(String path) {
        return new FileChange(Type.MODIFIED, path, Optional.empty());
    }

    public static FileChange removed(String path) {
        return new FileChange(Type.REMOVED, path, Optional.empty());
    }

    public static FileChange renamed(String from, String to) {
        return new FileChange(Type.RENAMED, to, Optional.of(from));
    }

    public static FileChange copied(String from, String to) {
        return new FileChange(Type.COPIED, to, Optional.of(from));
    }
}
