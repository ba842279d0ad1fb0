package io.cikit.core.event;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A pull request (GitHub) or merge request (GitLab).
 *
 * @param number the number users see ({@code #12}, {@code !12})
 * @param state the provider's state word ({@code open}, {@code closed}, {@code merged}, {@code opened}, …)
 * @param fromFork true when the head lives in another repository
 */
public record PullRequest(long number, String title, String state, String headSha, String headRef, String baseRef,
        Optional<String> baseSha, boolean draft, boolean merged, boolean fromFork, List<String> labels,
        Optional<String> url, Optional<Person> author, Optional<Repository> headRepository) {
    public PullRequest {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(headSha, "headSha");
        Objects.requireNonNull(headRef, "headRef");
        Objects.requireNonNull(baseRef, "baseRef");
        Objects.requireNonNull(baseSha, "baseSha");
        labels = List.copyOf(labels);
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(headRepository, "headRepository");
    }
}
