package io.cikit.core.report;

import io.cikit.core.event.Repository;
import io.cikit.core.trigger.ChangedFiles;
import java.util.Optional;

/**
 * Reports to a version-control provider (GitHub, GitLab): commit statuses, comments on pull/merge requests, and the
 * diff between two commits. Made by a {@link VcsClientProvider}; provider-specific features (GitHub check runs)
 * live on the implementing class.
 *
 * <p>Implementations are thread-safe, go through {@link io.cikit.core.http.HttpTransport} (bounded timeouts,
 * retries, rate-limit waits) and cut texts to their provider's limits instead of letting a request be rejected.
 * Failures are {@link io.cikit.core.DeliveryException}s whose {@code retryable()} says whether trying again later
 * may help.
 */
public interface VcsClient {

    /**
     * Sets (or replaces) the status of {@code status.context()} on a commit.
     *
     * @param sha the full commit sha
     */
    void setStatus(Repository repo, String sha, CommitStatus status);

    /** Posts a new comment on an issue, pull request or merge request. */
    CommentRef createComment(Repository repo, long number, String body);

    /**
     * Posts a sticky comment: finds the comment this client posted earlier under {@code key} (by a hidden marker it
     * embeds in the body) and replaces its text, or posts a new one when there is none. One comment per key per
     * pull request, updated as results come in.
     *
     * @param key names the comment among the client's others, e.g. {@code boot-report}: 1 to 100 characters from
     *     {@code A-Z a-z 0-9 . _ : / -}
     * @throws IllegalArgumentException for a key outside that alphabet
     */
    CommentRef upsertComment(Repository repo, long number, String key, String body);

    /**
     * The files changed between two commits, with the unified diff when the provider gives it.
     *
     * @param base a sha or a branch name
     * @param head a sha or a branch name
     */
    CommitDiff commitDiff(Repository repo, String base, String head);

    /**
     * The changed-file lookup for {@link io.cikit.core.trigger.TriggerPolicy} path filters. By default it asks
     * {@link #commitDiff} and answers "unknown" when the list is incomplete; clients override it with a cheaper call.
     */
    default ChangedFiles changedFiles() {
        return (repo, base, head) -> {
            CommitDiff diff = commitDiff(repo, base, head);
            return diff.complete() ? Optional.of(diff.paths()) : Optional.empty();
        };
    }
}
