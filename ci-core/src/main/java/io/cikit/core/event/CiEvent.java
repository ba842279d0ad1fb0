package io.cikit.core.event;

import java.util.Optional;

/**
 * Anything a VCS or CI system tells cikit: a {@link VcsEvent}, a {@link BuildEvent}, or a {@link GenericEvent}
 * for what cikit accepts without interpreting.
 */
public sealed interface CiEvent permits VcsEvent, BuildEvent, GenericEvent {

    EventContext context();

    EventType type();

    default Provider provider() {
        return context().provider();
    }

    default Optional<String> deliveryId() {
        return context().deliveryId();
    }

    /** The provider's raw document. */
    default RawPayload raw() {
        return context().raw();
    }

    /** The repository the event concerns, when it names one. */
    Optional<Repository> repositoryIfKnown();
}
