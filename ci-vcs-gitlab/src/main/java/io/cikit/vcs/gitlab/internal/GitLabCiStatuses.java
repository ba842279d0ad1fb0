package io.cikit.vcs.gitlab.internal;

import io.cikit.core.build.BuildStatus;
import java.util.Locale;

/** GitLab CI pipeline and job status words onto {@link BuildStatus} (REFERENCE §4). Total: unknown words are UNKNOWN. */
public final class GitLabCiStatuses {
    private GitLabCiStatuses() {
    }

    public static BuildStatus map(String raw) {
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "created", "waiting_for_resource", "preparing", "pending", "scheduled" -> BuildStatus.PENDING;
            case "running", "canceling", "waiting_for_callback" -> BuildStatus.IN_PROGRESS;
            case "success" -> BuildStatus.SUCCESS;
            case "failed" -> BuildStatus.FAILURE;
            case "canceled", "cancelled" -> BuildStatus.CANCELLED;
            case "skipped", "manual" -> BuildStatus.SKIPPED;
            default -> BuildStatus.UNKNOWN;
        };
    }
}
