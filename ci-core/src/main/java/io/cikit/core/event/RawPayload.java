package io.cikit.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * The provider's own document an event was parsed from, so fields cikit does not model stay reachable.
 *
 * @param eventName the provider's event name as sent ({@code push}, {@code Merge Request Hook}, …)
 * @param json the parsed body; shared, so treat it as read-only
 */
public record RawPayload(String eventName, JsonNode json) {
    public RawPayload {
        Objects.requireNonNull(eventName, "eventName");
        Objects.requireNonNull(json, "json");
    }
}
