package io.cikit.build.actions;

import com.fasterxml.jackson.databind.JsonNode;
import io.cikit.build.actions.internal.WorkflowReader;
import io.cikit.core.build.BuildInfo;
import io.cikit.core.build.BuildPayloadParser;
import io.cikit.core.event.BuildEvent;
import io.cikit.core.event.EventContext;
import io.cikit.core.event.Provider;
import io.cikit.core.event.RawPayload;
import io.cikit.core.json.Json;
import io.cikit.core.json.JsonLimits;
import io.cikit.core.json.MalformedJsonException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * GitHub Actions {@code workflow_run} and {@code workflow_job} payloads as {@link BuildEvent}s (system
 * {@code actions}). They arrive on the GitHub webhook endpoint: ci-vcs-github verifies the delivery and hands the
 * body to this parser, found through {@code ServiceLoader}.
 *
 * <p>Statuses follow REFERENCE §4: conclusions {@code success}/{@code neutral}, {@code failure}/{@code timed_out}/
 * {@code startup_failure}, {@code cancelled}/{@code stale}, {@code skipped}; while running, {@code requested},
 * {@code queued}, {@code waiting}, {@code pending} (pending) and {@code in_progress}. Any other word
 * ({@code action_required} included) is {@code UNKNOWN} with the word kept in {@link BuildInfo#rawStatus()}. The
 * {@code status} field, not the delivery's {@code action}, decides: a {@code completed} action whose run still says
 * {@code queued} is reported pending. {@link BuildInfo#phase()} is the status word; a report is complete once the
 * status is {@code completed} or a conclusion is set. Payloads carry no artifact list: {@link ActionsClient} fetches it.
 *
 * <p>Stateless and thread-safe; registered with {@code ServiceLoader} as a {@link BuildPayloadParser}.
 */
public final class ActionsPayloadParser implements BuildPayloadParser {
    /** The CI system id of the builds this parser reports. */
    public static final String SYSTEM = WorkflowReader.SYSTEM;
    /** GitHub's event name for workflow runs. */
    public static final String WORKFLOW_RUN = "workflow_run";
    /** GitHub's event name for workflow jobs. */
    public static final String WORKFLOW_JOB = "workflow_job";

    /** For {@code ServiceLoader}. */
    public ActionsPayloadParser() {
        // stateless
    }

    @Override
    public String system() {
        return SYSTEM;
    }

    @Override
    public boolean supports(String eventName) {
        return WORKFLOW_RUN.equals(eventName) || WORKFLOW_JOB.equals(eventName);
    }

    /**
     * @throws MalformedJsonException when the payload lacks its {@code workflow_run}/{@code workflow_job} object or
     *     that object's id
     */
    @Override
    public Optional<BuildEvent> parse(EventContext context) {
        Objects.requireNonNull(context, "context");
        String eventName = context.raw().eventName();
        JsonNode json = context.raw().json();
        BuildInfo build;
        if (WORKFLOW_RUN.equals(eventName)) {
            build = WorkflowReader.run(json);
        } else if (WORKFLOW_JOB.equals(eventName)) {
            build = WorkflowReader.job(json);
        } else {
            return Optional.empty();
        }
        return Optional.of(new BuildEvent(context, build, WorkflowReader.repository(json, Json.at(json, eventName))));
    }

    /**
     * Parses a payload file or body on its own, outside any webhook delivery ({@code cikit build parse --provider
     * actions}): the event is {@value #WORKFLOW_RUN} when the body has a {@code workflow_run} object,
     * {@value #WORKFLOW_JOB} when it has a {@code workflow_job} one. Read with {@link JsonLimits#DEFAULT}; the
     * context names GitHub as the sender, with no delivery id.
     *
     * @throws MalformedJsonException when the bytes are not JSON, break a limit, or hold neither object
     */
    public BuildEvent parseBody(byte[] body) {
        JsonNode json = Json.read(body, JsonLimits.DEFAULT);
        String eventName;
        if (Json.at(json, WORKFLOW_RUN).isObject()) {
            eventName = WORKFLOW_RUN;
        } else if (Json.at(json, WORKFLOW_JOB).isObject()) {
            eventName = WORKFLOW_JOB;
        } else {
            throw new MalformedJsonException("neither a workflow_run nor a workflow_job payload");
        }
        return parse(new EventContext(Provider.GITHUB, Optional.empty(), Instant.now(), new RawPayload(eventName, json)))
                .orElseThrow();
    }
}
