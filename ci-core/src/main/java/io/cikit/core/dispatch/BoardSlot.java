package io.cikit.core.dispatch;

import org.jspecify.annotations.Nullable;

/** The dispatcher's view of one board: the latest record, what runs on it, and its failure count. Guarded by the dispatcher's lock. */
final class BoardSlot {
    Board board;
    @Nullable AttemptRun running;
    /** Infrastructure failures since the last good run. */
    int consecutiveInfraFailures;
    /** A health-check job for this board is queued or running; until it ends, only it may run here. */
    boolean checkPending;
    /** The board left the pool; the slot goes once its run ends. */
    boolean removed;

    BoardSlot(Board board) {
        this.board = board;
    }

    String id() {
        return board.id();
    }

    /** Whether this board may start {@code entry} now (ignoring the selector). */
    boolean accepts(JobEntry entry) {
        if (removed || running != null || entry.tried.contains(board.id())) {
            return false;
        }
        if (entry.healthCheckFor != null) {
            return entry.healthCheckFor.equals(board.id())
                    && board.health() != BoardHealth.OFFLINE && board.health() != BoardHealth.MAINTENANCE;
        }
        return !checkPending && board.health().acceptsJobs();
    }
}
