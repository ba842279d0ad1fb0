package io.cikit.core.regression;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A {@link ResultHistory} held in memory: for tests, for short-lived hosts, and as the index behind
 * {@link JsonLinesResultHistory}.
 *
 * <p>Keeps the last {@code maxRunsPerContext} runs of each context (default {@value #DEFAULT_MAX_RUNS_PER_CONTEXT});
 * older runs are dropped as new ones arrive. Thread-safe (one lock; reads copy).
 */
public final class InMemoryResultHistory implements ResultHistory {

    /** Runs kept per context unless told otherwise. */
    public static final int DEFAULT_MAX_RUNS_PER_CONTEXT = 1000;

    private final int maxRunsPerContext;
    private final Map<RunContext, ArrayDeque<RunRecord>> runs = new LinkedHashMap<>();
    private long size;

    public InMemoryResultHistory() {
        this(DEFAULT_MAX_RUNS_PER_CONTEXT);
    }

    /** @throws IllegalArgumentException unless {@code maxRunsPerContext} is positive */
    public InMemoryResultHistory(int maxRunsPerContext) {
        if (maxRunsPerContext < 1) {
            throw new IllegalArgumentException("maxRunsPerContext must be positive: " + maxRunsPerContext);
        }
        this.maxRunsPerContext = maxRunsPerContext;
    }

    @Override
    public synchronized void append(RunRecord run) {
        Objects.requireNonNull(run, "run");
        ArrayDeque<RunRecord> deque = runs.computeIfAbsent(run.context(), c -> new ArrayDeque<>());
        deque.addLast(run);
        size++;
        if (deque.size() > maxRunsPerContext) {
            deque.removeFirst();
            size--;
        }
    }

    @Override
    public synchronized List<RunRecord> recentRuns(RunContext context, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        ArrayDeque<RunRecord> deque = runs.get(context);
        if (deque == null || limit == 0) {
            return List.of();
        }
        int skip = Math.max(0, deque.size() - limit);
        List<RunRecord> out = new ArrayList<>(deque.size() - skip);
        Iterator<RunRecord> it = deque.iterator();
        for (int i = 0; it.hasNext(); i++) {
            RunRecord r = it.next();
            if (i >= skip) {
                out.add(r);
            }
        }
        return List.copyOf(out);
    }

    @Override
    public synchronized Set<RunContext> contexts() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(runs.keySet()));
    }

    /** The number of runs held, over all contexts. */
    public synchronized long size() {
        return size;
    }

    /** The most runs kept per context. */
    public int maxRunsPerContext() {
        return maxRunsPerContext;
    }
}
