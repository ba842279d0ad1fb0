package io.cikit.build.jenkins.internal;

import io.cikit.core.build.BuildStatus;
import java.util.Locale;

/**
 * Jenkins' words for a build's state onto {@link BuildStatus}, as REFERENCE §4 says: a result ({@code SUCCESS},
 * {@code UNSTABLE}, {@code FAILURE}, {@code ABORTED}, {@code NOT_BUILT}) decides when one was sent; otherwise the
 * Notification plugin's phase ({@code QUEUED} pending, {@code STARTED}/{@code COMPLETED} in progress). Anything else
 * is {@link BuildStatus#UNKNOWN}. Total: never throws, whatever the words.
 */
public final class JenkinsStatuses {
    private JenkinsStatuses() {
    }

    /** The status for a result word and a phase word; either may be blank. */
    public static BuildStatus of(String result, String phase) {
        if (!result.isBlank()) {
            return switch (upper(result)) {
                case "SUCCESS" -> BuildStatus.SUCCESS;
                case "UNSTABLE" -> BuildStatus.UNSTABLE;
                case "FAILURE" -> BuildStatus.FAILURE;
                case "ABORTED" -> BuildStatus.CANCELLED;
                case "NOT_BUILT" -> BuildStatus.SKIPPED;
                default -> BuildStatus.UNKNOWN;
            };
        }
        return switch (upper(phase)) {
            case "QUEUED" -> BuildStatus.PENDING;
            case "STARTED", "COMPLETED" -> BuildStatus.IN_PROGRESS;
            // FINALIZED without a result, or a phase Jenkins may add later
            default -> BuildStatus.UNKNOWN;
        };
    }

    static String upper(String word) {
        return word.strip().toUpperCase(Locale.ROOT);
    }
}
