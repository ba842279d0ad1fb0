package io.cikit.core.result;

import java.util.Locale;

/**
 * The verdict of one test. {@link #ERROR} means no verdict could be reached (crash, timeout, missing from the plan,
 * unreadable result), as opposed to {@link #FAIL}, where the test ran and said no.
 */
public enum TestStatus {
    PASS,
    FAIL,
    SKIP,
    ERROR;

    /**
     * Maps a result word from any test system onto a status; never throws. {@code pass}, {@code passed}, {@code ok},
     * {@code success} → PASS; {@code fail}, {@code failed}, {@code failure}, {@code not ok} → FAIL; {@code skip},
     * {@code skipped}, {@code ignored}, {@code disabled}, {@code notrun}, {@code n/a} → SKIP; everything else, including
     * {@code error}, {@code crash}, {@code timeout} and words it does not know, → ERROR (no verdict).
     */
    public static TestStatus fromWord(String word) {
        String w = word == null ? "" : word.strip().toLowerCase(Locale.ROOT);
        return switch (w) {
            case "pass", "passed", "ok", "success", "succeeded", "successful", "true", "good" -> PASS;
            case "fail", "failed", "failure", "not ok", "false", "bad" -> FAIL;
            case "skip", "skipped", "ignored", "ignore", "disabled", "notrun", "not run", "n/a", "na", "unsupported",
                    "blocked" -> SKIP;
            default -> ERROR;
        };
    }

    /** The more severe of two statuses: ERROR &gt; FAIL &gt; SKIP &gt; PASS. */
    public static TestStatus worst(TestStatus a, TestStatus b) {
        return a.severity() >= b.severity() ? a : b;
    }

    /** True for FAIL and ERROR: the statuses that make a run red. */
    public boolean isBad() {
        return this == FAIL || this == ERROR;
    }

    private int severity() {
        return switch (this) {
            case PASS -> 0;
            case SKIP -> 1;
            case FAIL -> 2;
            case ERROR -> 3;
        };
    }
}
