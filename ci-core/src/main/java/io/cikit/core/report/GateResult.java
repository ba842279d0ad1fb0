package io.cikit.core.report;

import java.util.List;
import java.util.Objects;

/**
 * A {@link QualityGate}'s decision.
 *
 * @param state SUCCESS, FAILURE (the change is at fault) or ERROR (no test produced a verdict)
 * @param description one line of at most 140 characters for the commit status: the reasons when it failed, the
 *         summary otherwise
 * @param reasons every failed condition, in full
 */
public record GateResult(StatusState state, String description, List<String> reasons) {
    public GateResult {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(description, "description");
        reasons = List.copyOf(reasons);
    }
}
