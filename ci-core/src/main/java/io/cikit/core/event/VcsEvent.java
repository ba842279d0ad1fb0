package io.cikit.core.event;

import java.util.Optional;

/** An event from a version control system about one repository. */
public sealed interface VcsEvent extends CiEvent permits PushEvent, PullRequestEvent, TagEvent, BranchEvent, CommentEvent {

    Repository repository();

    /** Who caused the event, when the provider says. */
    Optional<Person> sender();

    @Override
    default Optional<Repository> repositoryIfKnown() {
        return Optional.of(repository());
    }
}
