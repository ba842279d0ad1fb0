package io.cikit.core.dispatch.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A process and every descendant it has been seen with, so the whole tree can be killed: on timeout or cancel while
 * the process lives, and afterwards the children it left behind (which the kernel re-parents away, out of
 * {@link ProcessHandle#descendants()}'s reach; hence the snapshots). Kills ask first (SIGTERM), wait a grace period,
 * then force (SIGKILL).
 *
 * <p>Not thread-safe: one pump thread owns it. Remembers at most {@value #MAX_KNOWN} descendants.
 */
public final class ProcessTree {
    static final int MAX_KNOWN = 4096;
    private static final long POLL_MILLIS = 20;

    private final ProcessHandle root;
    private final Map<Long, ProcessHandle> known = new LinkedHashMap<>();

    public ProcessTree(ProcessHandle root) {
        this.root = root;
    }

    /** Remembers the current descendants; cheap enough for a few times a second. */
    public void snapshot() {
        known.values().removeIf(h -> !h.isAlive());
        root.descendants().limit(MAX_KNOWN).forEach(h -> {
            if (known.size() < MAX_KNOWN) {
                known.putIfAbsent(h.pid(), h);
            }
        });
    }

    /**
     * Kills the process and its descendants: SIGTERM to all, up to {@code grace} for them to go (new children are
     * signalled too), then SIGKILL to the survivors, waiting up to two seconds more.
     *
     * @return how many processes were signalled
     */
    public int kill(Duration grace) {
        snapshot();
        List<ProcessHandle> all = everything();
        all.forEach(ProcessHandle::destroy);
        long until = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() < until && anyAlive()) {
            sleep();
            snapshot();
            everything().stream().filter(h -> !all.contains(h)).forEach(h -> {
                all.add(h);
                h.destroy();
            });
        }
        forceAll();
        return all.size();
    }

    /**
     * After the process ended: SIGKILLs every remembered descendant still alive, and theirs.
     *
     * @return how many were still alive
     */
    public int killLeftovers() {
        List<ProcessHandle> alive = new ArrayList<>();
        for (ProcessHandle h : known.values()) {
            if (h.isAlive()) {
                alive.add(h);
                h.descendants().limit(MAX_KNOWN).forEach(alive::add);
            }
        }
        alive.addAll(root.descendants().limit(MAX_KNOWN).toList());
        if (alive.isEmpty()) {
            return 0;
        }
        alive.forEach(ProcessHandle::destroyForcibly);
        waitGone(alive, 2000);
        return (int) alive.stream().map(ProcessHandle::pid).distinct().count();
    }

    private void forceAll() {
        for (int round = 0; round < 3 && anyAlive(); round++) {
            snapshot();
            List<ProcessHandle> all = everything();
            all.forEach(ProcessHandle::destroyForcibly);
            waitGone(all, 700);
        }
    }

    private List<ProcessHandle> everything() {
        List<ProcessHandle> all = new ArrayList<>(known.values());
        all.add(root);
        return all;
    }

    private boolean anyAlive() {
        return root.isAlive() || known.values().stream().anyMatch(ProcessHandle::isAlive);
    }

    private static void waitGone(List<ProcessHandle> handles, long millis) {
        long until = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < until && handles.stream().anyMatch(ProcessHandle::isAlive)) {
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
