package io.cikit.build.actions.internal;

import io.cikit.core.build.BuildStatus;
import java.util.Locale;

/**
 * GitHub Actions' {@code status} and {@code conclusion} onto {@link BuildStatus}, as REFERENCE §4 says. A conclusion
 * decides when there is one: {@code success}/{@code neutral} succeed; {@code failure}, {@code timed_out},
 * {@code startup_failure} fail; {@code cancelled}, {@code stale} are cancelled; {@code skipped} is skipped. Without
 * one, the status: {@code requested}, {@code queued}, {@code waiting}, {@code pending} are pending,
 * {@code in_progress} is in progress. Every other word ({@code action_required} included) is
 * {@link BuildStatus#UNKNOWN}. Total: never throws.
 */
public final class ActionsStatuses {
    private ActionsStatuses() {
    }

    /** The status for a status word and a conclusion word; either may be blank. */
    public static BuildStatus of(String status, String conclusion) {
        if (!conclusion.isBlank()) {
            return switch (lower(conclusion)) {
                case "success", "neutral" -> BuildStatus.SUCCESS;
                case "failure", "timed_out", "startup_failure" -> BuildStatus.FAILURE;
                case "cancelled", "stale" -> BuildStatus.CANCELLED;
                case "skipped" -> BuildStatus.SKIPPED;
                default -> BuildStatus.UNKNOWN;
            };
        }
        return switch (lower(status)) {
            case "requested", "queued", "waiting", "pending" -> BuildStatus.PENDING;
            case "in_progress" -> BuildStatus.IN_PROGRESS;
            // "completed" without a conclusion, or a word GitHub adds later
            default -> BuildStatus.UNKNOWN;
        };
    }

    /** Whether GitHub will say nothing more about this run or job: it completed, or it has a conclusion. */
    public static boolean isComplete(String status, String conclusion) {
        return !conclusion.isBlank() || lower(status).equals("completed");
    }

    private static String lower(String word) {
        return word.strip().toLowerCase(Locale.ROOT);
    }
}
