package io.cikit.core.webhook;

import io.cikit.core.event.CiEvent;
import java.util.Objects;

/** What a {@link WebhookParser} made of a verified request: an event, or a reason to ignore it. */
public sealed interface ParseResult {

    static ParseResult event(CiEvent event) {
        return new Parsed(event);
    }

    static ParseResult ignored(String reason) {
        return new Skipped(reason);
    }

    /** The request became an event. */
    record Parsed(CiEvent event) implements ParseResult {
        public Parsed {
            Objects.requireNonNull(event, "event");
        }
    }

    /** The request is valid but carries nothing cikit acts on; the reason says why. */
    record Skipped(String reason) implements ParseResult {
        public Skipped {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
