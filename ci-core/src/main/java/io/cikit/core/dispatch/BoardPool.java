package io.cikit.core.dispatch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The boards of a lab, changed at run time: add and remove boards, take them offline or into maintenance, bring them
 * back, and record their health. A {@link Dispatcher} watches its pool and acts on every change (a board taken offline
 * has its job stopped and retried elsewhere; one put into maintenance finishes its job first).
 *
 * <p>Thread-safe. Listeners are told after each change, on the changing thread, outside the pool's lock; a listener
 * that throws is logged and the others still run. Holds at most {@link #MAX_BOARDS} boards.
 */
public final class BoardPool {
    /** Most boards one pool holds. */
    public static final int MAX_BOARDS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(BoardPool.class);

    private final Object lock = new Object();
    private final Map<String, Board> boards = new LinkedHashMap<>();
    private final List<BoardEvent.Listener> listeners = new CopyOnWriteArrayList<>();

    public BoardPool() {
    }

    /** A pool holding these boards. @throws IllegalArgumentException on a repeated id */
    public static BoardPool of(Collection<Board> boards) {
        BoardPool pool = new BoardPool();
        boards.forEach(pool::add);
        return pool;
    }

    /** Adds a board. @throws IllegalArgumentException when its id is taken or the pool is full */
    public void add(Board board) {
        Objects.requireNonNull(board, "board");
        synchronized (lock) {
            if (boards.containsKey(board.id())) {
                throw new IllegalArgumentException("board " + board.id() + " is already in the pool");
            }
            if (boards.size() >= MAX_BOARDS) {
                throw new IllegalArgumentException("the pool is full (" + MAX_BOARDS + " boards)");
            }
            boards.put(board.id(), board);
        }
        fire(new BoardEvent(BoardEvent.Kind.ADDED, board, Optional.empty(), "added"));
    }

    /** Removes a board; a job running on it is stopped and retried elsewhere. Empty when there was none. */
    public Optional<Board> remove(String id) {
        Board removed;
        synchronized (lock) {
            removed = boards.remove(Objects.requireNonNull(id, "id"));
        }
        if (removed != null) {
            fire(new BoardEvent(BoardEvent.Kind.REMOVED, removed, Optional.of(removed), "removed"));
        }
        return Optional.ofNullable(removed);
    }

    /** Takes a board offline: its running job is stopped and retried elsewhere. @throws IllegalArgumentException for an unknown id */
    public Board offline(String id, String reason) {
        return setHealth(id, BoardHealth.OFFLINE, reason);
    }

    /** Puts a board into maintenance: its running job finishes, no new job starts. */
    public Board maintenance(String id, String reason) {
        return setHealth(id, BoardHealth.MAINTENANCE, reason);
    }

    /** Brings a board back as {@link BoardHealth#UNKNOWN}: it takes jobs again, after a health check if there is one. */
    public Board online(String id) {
        return setHealth(id, BoardHealth.UNKNOWN, "back online");
    }

    /**
     * Records a board's health (the dispatcher does this after infrastructure failures and health checks).
     *
     * @throws IllegalArgumentException for an unknown id
     */
    public Board setHealth(String id, BoardHealth health, String reason) {
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(reason, "reason");
        Board before;
        Board after;
        synchronized (lock) {
            before = boards.get(Objects.requireNonNull(id, "id"));
            if (before == null) {
                throw new IllegalArgumentException("no board " + id + " in the pool");
            }
            after = before.withHealth(health);
            boards.put(id, after);
        }
        if (after != before) {
            fire(new BoardEvent(BoardEvent.Kind.CHANGED, after, Optional.of(before), reason));
        }
        return after;
    }

    /** {@link #setHealth} only when the board's health is still {@code expected}; false otherwise (or when it is gone). */
    boolean setHealthIf(String id, BoardHealth expected, BoardHealth health, String reason) {
        Board before;
        Board after;
        synchronized (lock) {
            before = boards.get(id);
            if (before == null || before.health() != expected) {
                return false;
            }
            after = before.withHealth(health);
            boards.put(id, after);
        }
        if (after != before) {
            fire(new BoardEvent(BoardEvent.Kind.CHANGED, after, Optional.of(before), reason));
        }
        return true;
    }

    public Optional<Board> get(String id) {
        synchronized (lock) {
            return Optional.ofNullable(boards.get(id));
        }
    }

    /** Every board, in the order they were added. */
    public List<Board> boards() {
        synchronized (lock) {
            return List.copyOf(boards.values());
        }
    }

    /** The boards a selector matches, whatever their health. */
    public List<Board> matching(BoardSelector selector) {
        List<Board> out = new ArrayList<>();
        for (Board b : boards()) {
            if (selector.matches(b)) {
                out.add(b);
            }
        }
        return out;
    }

    public int size() {
        synchronized (lock) {
            return boards.size();
        }
    }

    public void addListener(BoardEvent.Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(BoardEvent.Listener listener) {
        listeners.remove(listener);
    }

    private void fire(BoardEvent event) {
        LOG.debug("board {} {}: {} ({})", event.board().id(), event.kind(), event.board().health(), event.reason());
        for (BoardEvent.Listener l : listeners) {
            try {
                l.boardChanged(event);
            } catch (RuntimeException e) {
                LOG.warn("A board listener failed on {} {}: {}", event.kind(), event.board().id(), e.toString(), e);
            }
        }
    }
}
