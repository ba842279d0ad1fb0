package io.cikit.core.result;

import java.util.Collection;

/**
 * Counts of a set of results by status.
 *
 * @param total every result counted
 * @param passed results with {@link TestStatus#PASS}
 * @param failed results with {@link TestStatus#FAIL}
 * @param skipped results with {@link TestStatus#SKIP}
 * @param errors results with {@link TestStatus#ERROR}
 */
public record TestSummary(int total, int passed, int failed, int skipped, int errors) {

    public TestSummary {
        if (total < 0 || passed < 0 || failed < 0 || skipped < 0 || errors < 0
                || passed + failed + skipped + errors != total) {
            throw new IllegalArgumentException("inconsistent counts: total=" + total + " passed=" + passed
                    + " failed=" + failed + " skipped=" + skipped + " errors=" + errors);
        }
    }

    /** Counts the given results. */
    public static TestSummary of(Collection<TestResult> results) {
        int p = 0;
        int f = 0;
        int s = 0;
        int e = 0;
        for (TestResult r : results) {
            switch (r.status()) {
                case PASS -> p++;
                case FAIL -> f++;
                case SKIP -> s++;
                case ERROR -> e++;
            }
        }
        return new TestSummary(p + f + s + e, p, f, s, e);
    }

    /** True when nothing failed or errored. An empty set is successful. */
    public boolean successful() {
        return failed == 0 && errors == 0;
    }
}
