package io.cikit.core.event;

import java.util.Objects;
import java.util.Optional;

/**
 * A branch was created or deleted.
 *
 * @param name the branch name without {@code refs/heads/}
 * @param sha the branch head (the previous one on deletion, or 40 zeros when unknown)
 */
public record BranchEvent(EventContext context, Repository repository, String name, String sha, RefAction action,
        Optional<Person> sender) implements VcsEvent {
    public BranchEvent {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sha, "sha");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(sender, "sender");
    }

    @Override
    public EventType type() {
        return EventType.BRANCH;
    }
}
