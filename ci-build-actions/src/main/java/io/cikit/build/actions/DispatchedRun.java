package io.cikit.build.actions;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * The workflow run a {@code workflow_dispatch} created, when GitHub says (the {@code return_run_details} answer).
 *
 * @param runId the run's id (the {@code run_id} of its {@code workflow_run} webhooks)
 * @param apiUrl the run in the REST API
 * @param htmlUrl the run's page, when given
 */
public record DispatchedRun(long runId, URI apiUrl, Optional<URI> htmlUrl) {
    public DispatchedRun {
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(htmlUrl, "htmlUrl");
    }
}
