package io.cikit.core.dispatch;

import java.util.Objects;
import java.util.Optional;

/**
 * A change in a {@link BoardPool}: a board added, changed (health, maintenance, offline) or removed.
 *
 * @param kind what happened
 * @param board the board as it is now (as it was, for {@link Kind#REMOVED})
 * @param previous the board before a change; empty for {@link Kind#ADDED}
 * @param reason why, as given by whoever made the change (an operator's note, "3 infrastructure failures in a row")
 */
public record BoardEvent(Kind kind, Board board, Optional<Board> previous, String reason) {

    public BoardEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(board, "board");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(reason, "reason");
    }

    /** What happened to the board. */
    public enum Kind {
        ADDED,
        CHANGED,
        REMOVED
    }

    /** Told about pool changes. Called on the thread that made the change, after it; must return quickly. */
    @FunctionalInterface
    public interface Listener {
        void boardChanged(BoardEvent event);
    }
}
