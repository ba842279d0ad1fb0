package io.cikit.core.result;

/**
 * Bounds applied while reading untrusted result files, so a hostile or runaway file costs bounded memory and time.
 *
 * <p>KTAP and TAP stop reading at {@code maxBytes}, {@code maxLines} or {@code maxResults}, keep what they read and
 * report {@link TestResults#truncated()}; plans left open then yield ERROR results ("missing from plan"). JUnit XML
 * cannot be cut short and stay well-formed, so a document over {@code maxBytes} is rejected with
 * {@link ResultFormatException}.
 *
 * @param maxBytes bytes read from the input (default 64 MiB)
 * @param maxLines lines read from KTAP/TAP input (default 2,000,000)
 * @param maxLineChars characters kept of one line; the rest of a longer line is ignored (default 16 KiB)
 * @param maxResults results produced, missing-from-plan entries included (default 100,000)
 * @param maxDepth deepest nesting of subtests or test suites honoured; deeper ones fold into their ancestor at this
 *     depth (default 32)
 * @param maxMessageChars characters kept of one result's message (default 8 KiB; the newest diagnostics win)
 * @param maxMissingPerPlan ERROR entries made for one plan's missing results before the rest are folded into one
 *     entry (default 1,000)
 */
public record ResultLimits(long maxBytes, long maxLines, int maxLineChars, int maxResults, int maxDepth,
        int maxMessageChars, int maxMissingPerPlan) {

    /** The defaults. */
    public static final ResultLimits DEFAULT = new ResultLimits(64L * 1024 * 1024, 2_000_000, 16 * 1024, 100_000, 32,
            8 * 1024, 1_000);

    public ResultLimits {
        if (maxBytes < 1 || maxLines < 1 || maxLineChars < 16 || maxResults < 1 || maxDepth < 1
                || maxMessageChars < 16 || maxMissingPerPlan < 1) {
            throw new IllegalArgumentException("result limits must be positive (line and message limits at least 16)");
        }
    }
}
