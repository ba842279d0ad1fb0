package io.cikit.vcs.github;

import io.cikit.core.DeliveryException;
import java.util.Optional;

/**
 * GitHub answered a REST call with an error status. {@link #retryable()} is true for 5xx, 408, 429 and rate-limit
 * 403s ({@link GitHubRateLimitException}), false otherwise (401 bad credentials, 403 forbidden, 404, 422 validation).
 * The message names the call and quotes GitHub's own {@code message}; never a token.
 */
public class GitHubApiException extends DeliveryException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String operation;
    private final String githubMessage;

    GitHubApiException(String operation, int status, String githubMessage, boolean retryable) {
        super("GitHub " + operation + " failed with " + status + (githubMessage.isEmpty() ? "" : ": " + githubMessage),
                retryable);
        this.status = status;
        this.operation = operation;
        this.githubMessage = githubMessage;
    }

    /** The HTTP status GitHub answered. */
    public int status() {
        return status;
    }

    /** What was being done ({@code github.status}, {@code github.comment.create}, …). */
    public String operation() {
        return operation;
    }

    /** GitHub's {@code message} field (or the start of a non-JSON body), when there was one. */
    public Optional<String> githubMessage() {
        return githubMessage.isEmpty() ? Optional.empty() : Optional.of(githubMessage);
    }
}
