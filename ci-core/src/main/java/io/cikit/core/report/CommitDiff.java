package io.cikit.core.report;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What changed between two commits: the files, and the unified diff when the provider would give it.
 *
 * @param files the changed files, in the provider's order
 * @param complete false when the provider capped the file list (GitHub's compare lists at most 300 files), so
 *     {@code files} may miss some
 * @param patch the unified diff text; empty when it was not asked for, too large, or refused by the provider
 */
public record CommitDiff(List<ChangedFile> files, boolean complete, Optional<String> patch) {
    public CommitDiff {
        files = List.copyOf(Objects.requireNonNull(files, "files"));
        Objects.requireNonNull(patch, "patch");
    }

    /** The paths of the changed files; for a rename both the old and the new path. */
    public List<String> paths() {
        return files.stream()
                .flatMap(f -> f.previousPath().filter(p -> !p.equals(f.path()))
                        .map(p -> Stream.of(p, f.path()))
                        .orElseGet(() -> Stream.of(f.path())))
                .distinct()
                .toList();
    }
}
