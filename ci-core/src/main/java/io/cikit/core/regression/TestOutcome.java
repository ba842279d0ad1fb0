package io.cikit.core.regression;

import java.util.Objects;

/** One test's outcome in a run. */
public record TestOutcome(String test, Outcome outcome) {
    public TestOutcome {
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(outcome, "outcome");
    }
}
