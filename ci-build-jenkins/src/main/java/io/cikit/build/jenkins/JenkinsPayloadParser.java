package io.cikit.build.jenkins;

import com.fasterxml.jackson.databind.JsonNode;
import io.cikit.build.jenkins.internal.JenkinsBuildReader;
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
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Jenkins build payloads as {@link BuildEvent}s (system {@code jenkins}). Reads the Notification plugin's JSON in
 * every phase ({@code QUEUED}, {@code STARTED}, {@code COMPLETED}, {@code FINALIZED}), the older flat format with its
 * {@code metadata} ({@code build_type}, {@code kernel_version}, {@code architecture}, {@code target_board},
 * {@code bsp_version}), and generic bodies with Jenkins' environment names ({@code JOB_NAME}, {@code BUILD_NUMBER},
 * {@code BUILD_URL}, {@code BUILD_STATUS}, {@code GIT_COMMIT}, {@code GIT_BRANCH}) in any spelling. docs/build-jenkins.md
 * lists every field read.
 *
 * <p>Statuses follow REFERENCE §4; unknown words become {@code UNKNOWN} with the word kept in
 * {@link BuildInfo#rawStatus()}. A report is {@link BuildInfo#complete()} on the {@code FINALIZED} phase (Jenkins'
 * last), or on {@code COMPLETED} when built with {@link Completion#COMPLETED}; payloads without a phase are complete
 * when their status is final.
 *
 * <p>Stateless and thread-safe; registered with {@code ServiceLoader} as a {@link BuildPayloadParser}.
 */
public final class JenkinsPayloadParser implements BuildPayloadParser {
    /** The CI system id of the builds this parser reports. */
    public static final String SYSTEM = JenkinsBuildReader.SYSTEM;

    /** The event name used when a payload arrives without one. */
    public static final String DEFAULT_EVENT_NAME = "jenkins";

    /** Event names (case-insensitive) this parser reads: the default, and the Notification plugin's phases. */
    public static final Set<String> EVENT_NAMES = Set.of(DEFAULT_EVENT_NAME, "build", "notification", "queued", "started",
            "completed", "finalized");

    /** Which Notification-plugin phase is the build's final report. */
    public enum Completion {
        /** {@code FINALIZED}, Jenkins' last phase (after log and artifacts are in place). The default. */
        FINALIZED,
        /**
         * {@code COMPLETED} too: for endpoints configured to send only the "completed" event. An endpoint that sends
         * every phase then reports the build complete twice (COMPLETED and FINALIZED).
         */
        COMPLETED
    }

    private final Completion completion;

    /** Completes on {@code FINALIZED}; for {@code ServiceLoader}. */
    public JenkinsPayloadParser() {
        this(Completion.FINALIZED);
    }

    public JenkinsPayloadParser(Completion completion) {
        this.completion = Objects.requireNonNull(completion, "completion");
    }

    public Completion completion() {
        return completion;
    }

    @Override
    public String system() {
        return SYSTEM;
    }

    @Override
    public boolean supports(String eventName) {
        return EVENT_NAMES.contains(eventName.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * @throws MalformedJsonException when the document is not an object or names no build (no number, build URL or
     *     queue id)
     */
    @Override
    public Optional<BuildEvent> parse(EventContext context) {
        Objects.requireNonNull(context, "context");
        if (!supports(context.raw().eventName())) {
            return Optional.empty();
        }
        JsonNode json = context.raw().json();
        BuildInfo build = JenkinsBuildReader.read(json, completion == Completion.COMPLETED);
        return Optional.of(new BuildEvent(context, build, JenkinsBuildReader.repository(json)));
    }

    /**
     * Parses a payload file or body on its own, outside any webhook delivery ({@code cikit build parse --provider
     * jenkins}): read with {@link JsonLimits#DEFAULT}, event name {@value #DEFAULT_EVENT_NAME}, no delivery id.
     *
     * @throws MalformedJsonException when the bytes are not JSON, break a limit, or name no build
     */
    public BuildEvent parseBody(byte[] body) {
        JsonNode json = Json.read(body, JsonLimits.DEFAULT);
        EventContext context = new EventContext(Provider.JENKINS, Optional.empty(), Instant.now(),
                new RawPayload(DEFAULT_EVENT_NAME, json));
        return parse(context).orElseThrow();
    }
}
