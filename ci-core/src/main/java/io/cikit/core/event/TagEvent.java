package io.cikit.core.event;

import java.util.Objects;
import java.util.Optional;

/**
 * A tag was created, deleted or moved.
 *
 * @param name the tag name without {@code refs/tags/}
 * @param sha the commit the tag points at (the previous one on deletion, or 40 zeros when unknown)
 */
public record TagEvent(EventContext context, Repository repository, String name, String sha, RefAction action,
        Optional<Person> sender) implements VcsEvent {
    public TagEvent {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sha, "sha");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(sender, "sender");
    }

    @Override
    public EventType type() {
        return EventType.TAG;
    }
}
