package io.cikit.vcs.github;

import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * GitHub refused a call for its rate limits (403 or 429) and the transport did not wait: the wait was longer than
 * its {@code maxRetryAfter}, or its attempts ran out. Always {@link #retryable()}; {@link #retryAt()} says when, if
 * GitHub told.
 */
public final class GitHubRateLimitException extends GitHubApiException {
    private static final long serialVersionUID = 1L;

    private final @Nullable Instant retryAt;

    GitHubRateLimitException(String operation, int status, String githubMessage, Optional<Instant> retryAt) {
        super(operation, status, githubMessage, true);
        this.retryAt = retryAt.orElse(null);
    }

    /** When GitHub said the call may be made again ({@code retry-after} or {@code x-ratelimit-reset}). */
    public Optional<Instant> retryAt() {
        return Optional.ofNullable(retryAt);
    }
}
