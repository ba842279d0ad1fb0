package io.cikit.core.build;

/**
 * A build's normalised outcome (REFERENCE §4 maps each CI system's words onto these). The provider's own word is
 * kept beside it in {@link BuildInfo#rawStatus()}.
 */
public enum BuildStatus {
    PENDING,
    IN_PROGRESS,
    SUCCESS,
    UNSTABLE,
    FAILURE,
    CANCELLED,
    SKIPPED,
    /** A word cikit does not know; see {@link BuildInfo#rawStatus()}. */
    UNKNOWN;

    /** Whether the build has finished (success, unstable, failure, cancelled, skipped). */
    public boolean isFinal() {
        return switch (this) {
            case SUCCESS, UNSTABLE, FAILURE, CANCELLED, SKIPPED -> true;
            case PENDING, IN_PROGRESS, UNKNOWN -> false;
        };
    }
}
