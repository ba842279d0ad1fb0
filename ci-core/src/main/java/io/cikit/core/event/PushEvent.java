package io.cikit.core.event;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Commits pushed to a ref.
 *
 * @param ref the full ref ({@code refs/heads/main}, {@code refs/tags/v1.0})
 * @param before the ref's previous sha (40 zeros when the ref was created)
 * @param after the ref's new sha (40 zeros when the ref was deleted)
 * @param commits the commits the provider listed, oldest first; may be partial (see {@code commitsTruncated})
 * @param totalCommits how many commits the push carried, when the provider says (GitLab's {@code total_commits_count})
 * @param commitsTruncated true when the provider listed fewer commits than the push carried
 * @param headCommit the newest commit, absent on deletions
 */
public record PushEvent(EventContext context, Repository repository, String ref, String before, String after,
        List<CommitInfo> commits, int totalCommits, boolean commitsTruncated, Optional<CommitInfo> headCommit,
        boolean created, boolean deleted, boolean forced, Optional<Person> sender) implements VcsEvent {

    /** The sha git uses for "no commit". */
    public static final String ZERO_SHA = "0000000000000000000000000000000000000000";

    public PushEvent {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        commits = List.copyOf(commits);
        Objects.requireNonNull(headCommit, "headCommit");
        Objects.requireNonNull(sender, "sender");
        if (totalCommits < commits.size()) {
            totalCommits = commits.size();
        }
    }

    @Override
    public EventType type() {
        return EventType.PUSH;
    }

    /** The branch name when the ref is a branch ({@code refs/heads/…}). */
    public Optional<String> branch() {
        return ref.startsWith("refs/heads/") ? Optional.of(ref.substring("refs/heads/".length())) : Optional.empty();
    }

    /** The tag name when the ref is a tag ({@code refs/tags/…}). */
    public Optional<String> tag() {
        return ref.startsWith("refs/tags/") ? Optional.of(ref.substring("refs/tags/".length())) : Optional.empty();
    }

    /** True when {@code after} is all zeros: the ref was deleted. */
    public static boolean isZeroSha(String sha) {
        // a loop, not chars().allMatch: parsers ask twice per push delivery
        for (int i = 0; i < sha.length(); i++) {
            if (sha.charAt(i) != '0') {
                return false;
            }
        }
        return !sha.isEmpty();
    }
}
