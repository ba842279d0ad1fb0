package io.cikit.core.build;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A build that {@link BuildTrigger#trigger} asked a CI system to run: the handle to follow it by.
 *
 * @param system the CI system ({@code jenkins}, {@code actions}, {@code gitlab-ci})
 * @param job the job, workflow or pipeline asked for
 * @param queueId the system's id for the request (Jenkins queue item number, a pipeline id, …)
 * @param queueUrl where the system tracks the request, when it says
 * @param parameters the parameters sent
 * @param requestedAt when the request was accepted
 */
public record TriggeredBuild(String system, String job, String queueId, Optional<URI> queueUrl,
        Map<String, String> parameters, Instant requestedAt) {

    public TriggeredBuild {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(queueId, "queueId");
        Objects.requireNonNull(queueUrl, "queueUrl");
        parameters = Map.copyOf(parameters);
        Objects.requireNonNull(requestedAt, "requestedAt");
    }
}
