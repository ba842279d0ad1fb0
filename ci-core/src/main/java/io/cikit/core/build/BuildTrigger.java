package io.cikit.core.build;

import java.util.Map;
import java.util.Optional;

/**
 * SPI: asks a CI system to run a build (Jenkins {@code buildWithParameters}, GitHub Actions
 * {@code workflow_dispatch}, a GitLab pipeline trigger). Implementations come with the provider modules
 * ({@code ci-build-jenkins}, {@code ci-build-actions}); they are thread-safe, bound their waits with timeouts and
 * retry through the core HTTP transport.
 */
public interface BuildTrigger {

    /** The CI system's id ({@code jenkins}, {@code actions}, {@code gitlab-ci}). */
    String system();

    /**
     * Requests a run of {@code job} with {@code parameters} and returns as soon as the system accepted it (queued),
     * without waiting for the build to start.
     *
     * @throws io.cikit.core.DeliveryException when the request failed; {@code retryable()} says whether trying again
     *     may help
     * @throws io.cikit.core.CiException when the system refused the request (unknown job, bad parameters, no rights)
     */
    TriggeredBuild trigger(String job, Map<String, String> parameters);

    /**
     * The id of the build the request became ({@link BuildInfo#buildId()}), once the system has started it; empty
     * while it is still queued, or when the system does not link requests to builds.
     *
     * @throws io.cikit.core.DeliveryException when asking failed
     */
    Optional<String> buildId(TriggeredBuild triggered);
}
