package io.cikit.core.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One commit as a push or build names it, with the files it touched when the provider lists them. */
public record CommitInfo(String sha, String message, Optional<Person> author, Optional<Instant> timestamp,
        Optional<String> url, List<String> added, List<String> modified, List<String> removed) {
    public CommitInfo {
        Objects.requireNonNull(sha, "sha");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(url, "url");
        added = List.copyOf(added);
        modified = List.copyOf(modified);
        removed = List.copyOf(removed);
    }

    public static CommitInfo of(String sha, String message) {
        return new CommitInfo(sha, message, Optional.empty(), Optional.empty(), Optional.empty(), List.of(), List.of(), List.of());
    }

    /** Added, modified and removed paths, each once, in that order. */
    public List<String> changedFiles() {
        LinkedHashSet<String> all = new LinkedHashSet<>(added);
        all.addAll(modified);
        all.addAll(removed);
        return List.copyOf(new ArrayList<>(all));
    }
}
