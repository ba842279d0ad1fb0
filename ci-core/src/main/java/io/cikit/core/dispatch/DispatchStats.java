package io.cikit.core.dispatch;

import java.util.Map;

/**
 * A moment's view of a dispatcher.
 *
 * @param queued jobs waiting (retries included, health checks included)
 * @param running attempts running
 * @param idleBoards boards with nothing running that would take a job
 * @param boards boards by health
 */
public record DispatchStats(int queued, int running, int idleBoards, Map<BoardHealth, Integer> boards) {
    public DispatchStats {
        boards = Map.copyOf(boards);
    }
}
