package io.cikit.core.webhook;

import io.cikit.core.event.CiEvent;
import io.cikit.core.event.Provider;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link Webhooks#handle}: what happened and the HTTP status a server should answer with.
 * Accepted 202, Ignored 200, Duplicate 200, Rejected 400/401/413/415 (from the {@link WebhookException}).
 */
public sealed interface WebhookResult {

    /** The status to answer the sender with. */
    int httpStatus();

    /** The provider that was recognised, if any. */
    Optional<Provider> provider();

    /** The delivery id, if the request carried one. */
    Optional<String> deliveryId();

    /** The lower-case outcome name used on the command line: accepted, ignored, duplicate, rejected. */
    String outcome();

    /** The delivery was verified, parsed and passed to the handlers. */
    record Accepted(CiEvent event) implements WebhookResult {
        public Accepted {
            Objects.requireNonNull(event, "event");
        }

        @Override
        public int httpStatus() {
            return 202;
        }

        @Override
        public Optional<Provider> provider() {
            return Optional.of(event.provider());
        }

        @Override
        public Optional<String> deliveryId() {
            return event.deliveryId();
        }

        @Override
        public String outcome() {
            return "accepted";
        }
    }

    /** The delivery was verified but carries nothing to act on. */
    record Ignored(Optional<Provider> provider, Optional<String> deliveryId, String reason) implements WebhookResult {
        public Ignored {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(deliveryId, "deliveryId");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public int httpStatus() {
            return 200;
        }

        @Override
        public String outcome() {
            return "ignored";
        }
    }

    /** The same delivery was handled before (a redelivery); handlers were not called again. */
    record Duplicate(Provider providerId, String id) implements WebhookResult {
        public Duplicate {
            Objects.requireNonNull(providerId, "providerId");
            Objects.requireNonNull(id, "id");
        }

        @Override
        public int httpStatus() {
            return 200;
        }

        @Override
        public Optional<Provider> provider() {
            return Optional.of(providerId);
        }

        @Override
        public Optional<String> deliveryId() {
            return Optional.of(id);
        }

        @Override
        public String outcome() {
            return "duplicate";
        }
    }

    /** The delivery was refused; the error says why and which status to answer. */
    record Rejected(Optional<Provider> provider, Optional<String> deliveryId, WebhookException error) implements WebhookResult {
        public Rejected {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(deliveryId, "deliveryId");
            Objects.requireNonNull(error, "error");
        }

        @Override
        public int httpStatus() {
            return error.httpStatus();
        }

        @Override
        public String outcome() {
            return "rejected";
        }
    }
}
