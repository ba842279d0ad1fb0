package io.cikit.core.dispatch;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One try of a job on one board.
 *
 * @param number 1 for the first attempt
 * @param boardId the board it ran on
 * @param boardType that board's type
 * @param outcome how it ended
 * @param reason why, for anything but a clean pass
 * @param startedAt when the lease was granted
 * @param finishedAt when it ended
 * @param outputDirectory where its files are
 * @param consoleLog its console log, when the runner captured one
 * @param countedAgainstBoard whether it counted as an infrastructure failure of the board
 */
public record Attempt(int number, String boardId, String boardType, JobOutcome outcome, Optional<String> reason,
        Instant startedAt, Instant finishedAt, Path outputDirectory, Optional<Path> consoleLog,
        boolean countedAgainstBoard) {

    public Attempt {
        Objects.requireNonNull(boardId, "boardId");
        Objects.requireNonNull(boardType, "boardType");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(outputDirectory, "outputDirectory");
        Objects.requireNonNull(consoleLog, "consoleLog");
    }

    public Duration runTime() {
        return Duration.between(startedAt, finishedAt);
    }
}
