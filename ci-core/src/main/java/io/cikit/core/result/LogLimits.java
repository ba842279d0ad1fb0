package io.cikit.core.result;

/**
 * Bounds of a {@link ConsoleLogAnalyzer}: its memory stays constant whatever the log size.
 *
 * @param maxIncidents incidents kept in the {@link LogAnalysis}; later ones are counted, still sent to a listener
 *     (default 1,000)
 * @param maxTraceLines lines kept of one report; the rest is replaced by one "… N more lines" line (default 64)
 * @param maxLineBytes bytes of one line examined and kept; the rest of a longer line is skipped (default 4 KiB)
 * @param maxLineChars characters of one line kept in a summary or trace (default 512)
 * @param maxReportLines lines after which an unterminated report is closed (default 400)
 * @param maxStageRecords boot-stage transitions kept (reboot loops repeat them; default 256)
 */
public record LogLimits(int maxIncidents, int maxTraceLines, int maxLineBytes, int maxLineChars, int maxReportLines,
        int maxStageRecords) {

    /** The defaults. */
    public static final LogLimits DEFAULT = new LogLimits(1_000, 64, 4096, 512, 400, 256);

    public LogLimits {
        if (maxIncidents < 0 || maxTraceLines < 2 || maxLineBytes < 64 || maxLineChars < 16 || maxReportLines < 2
                || maxStageRecords < 1) {
            throw new IllegalArgumentException("log limits out of range");
        }
    }
}
