package io.cikit.core.trigger;

import java.util.List;
import java.util.Objects;

/**
 * What {@link TriggerPolicy#decide} concluded about one event: whether to test, why, and which commits.
 *
 * @param trigger whether tests should run
 * @param reason a human-readable explanation, always set (e.g. {@code push to main matches branch filter 'main'},
 *     {@code skipped: head commit says [skip ci]}); meant for logs and status descriptions
 * @param commits the shas to test, oldest first; empty when {@code trigger} is false, and may be empty when it is
 *     true and the event does not name the head (a {@code /retest} comment whose payload carries no pull request:
 *     the host must resolve it, and the reason says so)
 * @throws IllegalArgumentException when the reason is blank or a skip carries commits
 */
public record TriggerDecision(boolean trigger, String reason, List<String> commits) {
    public TriggerDecision {
        Objects.requireNonNull(reason, "reason");
        commits = List.copyOf(commits);
        if (reason.isBlank()) {
            throw new IllegalArgumentException("a trigger decision needs a reason");
        }
        if (!trigger && !commits.isEmpty()) {
            throw new IllegalArgumentException("a decision not to trigger has no commits to test");
        }
    }

    /** A decision not to test. */
    public static TriggerDecision skip(String reason) {
        return new TriggerDecision(false, reason, List.of());
    }

    /** A decision to test {@code commits} (oldest first). */
    public static TriggerDecision run(String reason, List<String> commits) {
        return new TriggerDecision(true, reason, commits);
    }
}
