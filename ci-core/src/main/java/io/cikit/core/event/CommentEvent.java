package io.cikit.core.event;

import java.util.Objects;
import java.util.Optional;

/**
 * A comment on a pull/merge request (or an issue), e.g. {@code /retest}.
 *
 * @param number the PR/MR/issue number the comment is on
 * @param onPullRequest true when the comment is on a pull/merge request rather than a plain issue
 * @param action the provider's action word ({@code created}, {@code edited}, {@code deleted}); GitLab notes have none
 *     and use {@code created}
 * @param pullRequest the pull request, when the payload carries it (GitLab notes do)
 */
public record CommentEvent(EventContext context, Repository repository, long number, boolean onPullRequest,
        String commentId, String body, String action, Optional<Person> author, Optional<String> url,
        Optional<PullRequest> pullRequest, Optional<Person> sender) implements VcsEvent {
    public CommentEvent {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(commentId, "commentId");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(pullRequest, "pullRequest");
        Objects.requireNonNull(sender, "sender");
    }

    @Override
    public EventType type() {
        return EventType.COMMENT;
    }
}
