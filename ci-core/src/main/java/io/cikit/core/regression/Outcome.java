package io.cikit.core.regression;

import java.util.Locale;

/**
 * A test's outcome in one run, as the history records it. Only {@link #PASS}, {@link #FAIL} and {@link #ERROR} are
 * verdicts; skips, infrastructure errors and unknown words are transparent to regression detection (a test that
 * passed, was skipped and now fails is a new failure).
 */
public enum Outcome {
    PASS,
    FAIL,
    /** The test itself errored (JUnit {@code error}, KTAP crash inside the test): counts as a failure. */
    ERROR,
    SKIP,
    /** The lab failed, not the test (board did not boot, lost the console): never counts as a failure. */
    INFRA_ERROR,
    /** A word this version does not know. */
    UNKNOWN;

    /** True for outcomes that say something about the code under test: pass, fail and error. */
    public boolean isVerdict() {
        return this == PASS || this == FAIL || this == ERROR;
    }

    /** True for fail and error. */
    public boolean isFailure() {
        return this == FAIL || this == ERROR;
    }

    /**
     * Reads a status word case-insensitively, with the usual synonyms ({@code ok}, {@code passed}, {@code failed},
     * {@code skipped}, {@code infra}). Never throws: anything else is {@link #UNKNOWN}.
     */
    public static Outcome parse(String word) {
        String w = word.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return switch (w) {
            case "PASS", "PASSED", "OK", "SUCCESS" -> PASS;
            case "FAIL", "FAILED", "FAILURE", "NOT_OK" -> FAIL;
            case "ERROR", "ERRORED" -> ERROR;
            case "SKIP", "SKIPPED", "XFAIL" -> SKIP;
            case "INFRA_ERROR", "INFRA", "INFRASTRUCTURE_ERROR", "LAB_ERROR" -> INFRA_ERROR;
            default -> UNKNOWN;
        };
    }

    /** Ranking used to merge two reports of the same test in one run: a failure outranks a pass, a verdict a skip. */
    int severity() {
        return switch (this) {
            case FAIL -> 5;
            case ERROR -> 4;
            case PASS -> 3;
            case INFRA_ERROR -> 2;
            case SKIP -> 1;
            case UNKNOWN -> 0;
        };
    }
}
