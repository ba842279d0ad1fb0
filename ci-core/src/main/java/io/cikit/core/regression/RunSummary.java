package io.cikit.core.regression;

import java.util.Objects;

/** Counts of a run's outcomes: the per-board table of a report. */
public record RunSummary(RunContext context, int passed, int failed, int errors, int skipped, int infraErrors,
        int unknown) {

    public RunSummary {
        Objects.requireNonNull(context, "context");
    }

    public static RunSummary of(RunRecord run) {
        int[] counts = new int[Outcome.values().length];
        for (TestOutcome t : run.tests()) {
            counts[t.outcome().ordinal()]++;
        }
        return new RunSummary(run.context(), counts[Outcome.PASS.ordinal()], counts[Outcome.FAIL.ordinal()],
                counts[Outcome.ERROR.ordinal()], counts[Outcome.SKIP.ordinal()], counts[Outcome.INFRA_ERROR.ordinal()],
                counts[Outcome.UNKNOWN.ordinal()]);
    }

    /** The sum of two summaries, keeping this one's context. */
    public RunSummary plus(RunSummary other) {
        return new RunSummary(context, passed + other.passed, failed + other.failed, errors + other.errors,
                skipped + other.skipped, infraErrors + other.infraErrors, unknown + other.unknown);
    }

    /** Every test counted. */
    public int total() {
        return passed + failed + errors + skipped + infraErrors + unknown;
    }

    /** Tests with a verdict: passed, failed or errored. */
    public int verdicts() {
        return passed + failed + errors;
    }
}
