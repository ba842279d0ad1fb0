package io.cikit.core.dispatch;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a job's kernel came from, for reports: the repository and commit it was built from and the build that made it.
 *
 * @param repository the repository ({@code torvalds/linux}, a clone URL); empty when not known
 * @param commit the commit sha; empty when not known
 * @param buildId the CI build's id; empty when not known
 */
public record JobOrigin(String repository, String commit, Optional<String> buildId) {

    public JobOrigin {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(buildId, "buildId");
    }

    public static JobOrigin of(String repository, String commit, String buildId) {
        return new JobOrigin(repository, commit, Optional.of(buildId).filter(s -> !s.isBlank()));
    }
}
