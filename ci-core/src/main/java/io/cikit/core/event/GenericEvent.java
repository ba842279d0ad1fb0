package io.cikit.core.event;

import java.util.Objects;
import java.util.Optional;

/**
 * An event cikit accepts and keeps without interpreting (GitHub {@code ping}, {@code release}, GitLab
 * {@code Issue Hook}, …). The provider's event name and action are kept; {@link #raw()} has the rest.
 */
public record GenericEvent(EventContext context, String eventName, Optional<String> action,
        Optional<Repository> repository) implements CiEvent {
    public GenericEvent {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(eventName, "eventName");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(repository, "repository");
    }

    @Override
    public EventType type() {
        return EventType.OTHER;
    }

    @Override
    public Optional<Repository> repositoryIfKnown() {
        return repository;
    }
}
