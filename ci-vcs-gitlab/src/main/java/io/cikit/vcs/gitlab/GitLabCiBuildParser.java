package io.cikit.vcs.gitlab;

import io.cikit.core.build.BuildPayloadParser;
import io.cikit.core.event.BuildEvent;
import io.cikit.core.event.EventContext;
import io.cikit.vcs.gitlab.internal.GitLabBuilds;
import java.util.Optional;
import java.util.Set;

/**
 * GitLab CI build payloads: the Pipeline Hook and the Job Hook ({@code object_kind} {@code pipeline} and
 * {@code build}) as {@link BuildEvent}s of system {@code gitlab-ci}. Statuses map as REFERENCE §4 says (a successful
 * pipeline with a failed {@code allow_failure} job, or such a job itself, is UNSTABLE; unknown words are UNKNOWN with
 * the raw word kept). The Job Hook's {@code commit.id} is a pipeline id, so the commit comes from its {@code sha}.
 *
 * <p>Reads {@code context.raw().json()} by its {@code object_kind}; any other kind gives an empty result. Stateless and
 * thread-safe; registered with {@code ServiceLoader}. {@link GitLabWebhookParser} uses it for the hooks it verifies.
 */
public final class GitLabCiBuildParser implements BuildPayloadParser {
    private static final Set<String> EVENT_NAMES = Set.of("Pipeline Hook", "Job Hook", "Build Hook", "pipeline", "build");

    /** For {@code ServiceLoader} and hosts registering it by hand; cheap. */
    public GitLabCiBuildParser() {
    }

    @Override
    public String system() {
        return GitLabBuilds.SYSTEM;
    }

    /** {@code Pipeline Hook}, {@code Job Hook} (and its old name {@code Build Hook}), or the object kinds themselves. */
    @Override
    public boolean supports(String eventName) {
        return EVENT_NAMES.contains(eventName.trim());
    }

    /** @throws io.cikit.core.json.MalformedJsonException when a pipeline has no id or a job no {@code build_id} */
    @Override
    public Optional<BuildEvent> parse(EventContext context) {
        return GitLabBuilds.parse(context);
    }
}
