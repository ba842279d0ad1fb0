package io.cikit.core.result;

import java.util.Objects;

/**
 * A boot stage seen for the first time in the current boot.
 *
 * @param stage the stage
 * @param line the 1-based line where it was seen
 */
public record BootStageReached(BootStage stage, long line) {

    public BootStageReached {
        Objects.requireNonNull(stage, "stage");
    }
}
