package io.cikit.core.report;

import java.util.List;
import java.util.Objects;

/**
 * How a test run went, in counts, as {@link VcsIntegration#reportTestResults} needs it: a stand-in until the
 * results model ({@code io.cikit.core.result}) offers a summary of its own.
 *
 * @param failing names of failed or errored tests, most important first; may be empty or partial, only used to
 *     make the status description more useful
 */
public record TestCounts(int passed, int failed, int skipped, int errors, List<String> failing) {
    public TestCounts {
        if (passed < 0 || failed < 0 || skipped < 0 || errors < 0) {
            throw new IllegalArgumentException("test counts cannot be negative");
        }
        failing = List.copyOf(Objects.requireNonNull(failing, "failing"));
    }

    /** Counts without names. */
    public static TestCounts of(int passed, int failed, int skipped, int errors) {
        return new TestCounts(passed, failed, skipped, errors, List.of());
    }

    /** Every test counted, whatever its outcome. */
    public long total() {
        return (long) passed + failed + skipped + errors;
    }
}
