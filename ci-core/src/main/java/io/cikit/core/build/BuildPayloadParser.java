package io.cikit.core.build;

import io.cikit.core.event.BuildEvent;
import io.cikit.core.event.EventContext;
import java.util.Optional;

/**
 * SPI: turns one CI system's build payload into a {@link BuildEvent}. Found through {@code ServiceLoader}; a VCS
 * webhook parser that receives build payloads on its own endpoint (GitHub's {@code workflow_run}) hands them to the
 * parser that {@link #supports} them, after verifying the request itself.
 *
 * <p>Implementations are stateless and thread-safe, with a cheap no-arg constructor.
 */
public interface BuildPayloadParser {

    /** The CI system's id ({@code jenkins}, {@code actions}, {@code gitlab-ci}). */
    String system();

    /** Whether this parser reads a payload with this event name ({@code workflow_run}, {@code Pipeline Hook}, …). */
    boolean supports(String eventName);

    /**
     * Parses the payload in {@code context.raw()}. Empty when the payload is of a supported event but carries
     * nothing to report (never an exception for unknown statuses or fields).
     *
     * @throws io.cikit.core.json.MalformedJsonException when the document lacks what every such payload has
     */
    Optional<BuildEvent> parse(EventContext context);
}
