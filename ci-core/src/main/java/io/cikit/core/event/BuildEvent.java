package io.cikit.core.event;

import io.cikit.core.build.BuildInfo;
import java.util.Objects;
import java.util.Optional;

/** A CI system reports on a build (queued, started, finished). */
public record BuildEvent(EventContext context, BuildInfo build, Optional<Repository> repository) implements CiEvent {
    public BuildEvent {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(build, "build");
        Objects.requireNonNull(repository, "repository");
    }

    @Override
    public EventType type() {
        return EventType.BUILD;
    }

    @Override
    public Optional<Repository> repositoryIfKnown() {
        return repository;
    }
}
