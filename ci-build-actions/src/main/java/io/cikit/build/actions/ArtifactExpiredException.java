package io.cikit.build.actions;

import io.cikit.core.DeliveryException;

/**
 * The artifact's retention period ran out: GitHub lists it as {@code expired} or answers its download with 410 Gone.
 * Not retryable; the workflow has to run again to produce it.
 */
public final class ArtifactExpiredException extends DeliveryException {
    private static final long serialVersionUID = 1L;

    private final long artifactId;

    public ArtifactExpiredException(long artifactId, String message) {
        super(message, false);
        this.artifactId = artifactId;
    }

    public long artifactId() {
        return artifactId;
    }
}
