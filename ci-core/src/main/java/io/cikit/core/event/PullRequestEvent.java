package io.cikit.core.event;

import java.util.Objects;
import java.util.Optional;

/** A pull/merge request was opened, updated, closed, labelled, … */
public record PullRequestEvent(EventContext context, Repository repository, PullRequestAction action,
        PullRequest pullRequest, Optional<Person> sender) implements VcsEvent {
    public PullRequestEvent {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(pullRequest, "pullRequest");
        Objects.requireNonNull(sender, "sender");
    }

    @Override
    public EventType type() {
        return EventType.PULL_REQUEST;
    }
}
