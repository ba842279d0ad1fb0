package io.cikit.core.event;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What every event carries besides its content: who sent it, which delivery it was, when it arrived, and the
 * provider's raw document.
 */
public record EventContext(Provider provider, Optional<String> deliveryId, Instant receivedAt, RawPayload raw) {
    public EventContext {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(raw, "raw");
    }

    public static EventContext of(Provider provider, String deliveryId, RawPayload raw) {
        return new EventContext(provider, Optional.ofNullable(deliveryId), Instant.now(), raw);
    }
}
