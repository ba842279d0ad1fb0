package io.cikit.core.regression;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * SPI: the store of past runs that detection compares against. cikit ships {@link InMemoryResultHistory} and the
 * durable {@link JsonLinesResultHistory}; a host may plug in a database.
 *
 * <p>Order is append order: "the last N runs" are the last N appended for a context, whatever their commit times
 * (a rerun of an old commit is the newest run). Lists come back oldest first. Implementations are thread-safe,
 * bounded (they document how many runs per context they keep) and never return null.
 *
 * <p>Only {@link #append}, {@link #recentRuns} and {@link #contexts} must be implemented; the series queries have
 * default implementations on top of {@code recentRuns} that a store may override with an index.
 */
public interface ResultHistory extends AutoCloseable {

    /**
     * Records a run.
     *
     * @throws io.cikit.core.CiException if the store cannot keep it (I/O failure, closed store)
     */
    void append(RunRecord run);

    /** The last {@code limit} runs of a context, oldest first; fewer when the history holds fewer. */
    List<RunRecord> recentRuns(RunContext context, int limit);

    /** Every context with at least one run, in the order first seen. */
    Set<RunContext> contexts();

    /** The last {@code limit} outcomes of a test, oldest first (runs in which the test did not run are left out). */
    default List<StatusPoint> statuses(SeriesKey test, int limit) {
        checkLimit(limit);
        List<RunRecord> runs = recentRuns(test.context(), Integer.MAX_VALUE);
        List<StatusPoint> out = new ArrayList<>();
        for (int i = runs.size() - 1; i >= 0 && out.size() < limit; i--) {
            RunRecord run = runs.get(i);
            Optional<Outcome> outcome = run.outcome(test.test());
            outcome.ifPresent(o -> out.add(new StatusPoint(run.commitSha(), run.commitTime(), run.buildId(), o)));
        }
        Collections.reverse(out);
        return List.copyOf(out);
    }

    /** The last {@code limit} values of a metric series, oldest first. */
    default List<MetricSample> values(SeriesKey metric, int limit) {
        checkLimit(limit);
        List<RunRecord> runs = recentRuns(metric.context(), Integer.MAX_VALUE);
        List<MetricSample> out = new ArrayList<>();
        for (int i = runs.size() - 1; i >= 0 && out.size() < limit; i--) {
            sample(runs.get(i), metric).ifPresent(out::add);
        }
        Collections.reverse(out);
        return List.copyOf(out);
    }

    /**
     * A metric's values after the last run of {@code fromExclusive} up to and including the last run of
     * {@code toInclusive}, oldest first. Empty when either commit has no run in the context or {@code to} precedes
     * {@code from}.
     */
    default List<MetricSample> valuesBetween(SeriesKey metric, String fromExclusive, String toInclusive) {
        List<RunRecord> runs = recentRuns(metric.context(), Integer.MAX_VALUE);
        int from = -1;
        int to = -1;
        for (int i = 0; i < runs.size(); i++) {
            String sha = runs.get(i).commitSha();
            if (sha.equals(fromExclusive)) {
                from = i;
            }
            if (sha.equals(toInclusive)) {
                to = i;
            }
        }
        if (from < 0 || to <= from) {
            return List.of();
        }
        List<MetricSample> out = new ArrayList<>();
        for (int i = from + 1; i <= to; i++) {
            sample(runs.get(i), metric).ifPresent(out::add);
        }
        return List.copyOf(out);
    }

    /** Releases resources; the default does nothing. */
    @Override
    default void close() {
    }

    private static Optional<MetricSample> sample(RunRecord run, SeriesKey metric) {
        return run.metric(metric.test(), metric.metric())
                .map(m -> new MetricSample(run.commitSha(), run.commitTime(), run.buildId(), m.value()));
    }

    private static void checkLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
    }
}
