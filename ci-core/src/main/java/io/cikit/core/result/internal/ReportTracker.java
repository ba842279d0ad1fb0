package io.cikit.core.result.internal;

import io.cikit.core.result.ConsoleLogAnalyzer;
import io.cikit.core.result.IncidentKind;
import io.cikit.core.result.LogIncident;
import io.cikit.core.result.LogLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Groups the lines of one kernel report into one {@link LogIncident}. A report opens at a headline (or at
 * {@code cut here}, or at a bare {@code Call Trace:}) and closes at its end marker ({@code ---[ end trace},
 * {@code ---[ end Kernel panic}), at the closing {@code ======} rule of a sanitizer report, at the next unrelated
 * headline, at a boot-stage line, after a few lines that do not look like report lines, or at the line limit.
 * Subordinate headlines inside a report ({@code Oops:} after {@code Unable to handle kernel NULL pointer},
 * {@code invalid opcode:} after {@code kernel BUG at}) stay in it. Not thread-safe.
 */
final class ReportTracker {
    /** Unrelated lines tolerated inside a report before it is taken as over (interleaved printk). */
    private static final int IDLE_LINES = 4;
    /** Sanitizer reports have blank lines and free text, and a closing rule: be patient. */
    private static final int IDLE_LINES_SANITIZER = 40;

    private final LogLimits limits;
    private final ConsoleLogAnalyzer.Listener listener;
    private final Consumer<LogIncident> sink;

    private boolean open;
    private IncidentKind kind = IncidentKind.WARNING;
    private boolean provisional;
    private boolean announced;
    private long startLine;
    private String summary = "";
    private final List<String> trace = new ArrayList<>();
    private int reportLines;
    private int omitted;
    private int trailingNonBody;
    private int trailingStored;
    private int trailingOmitted;

    ReportTracker(LogLimits limits, ConsoleLogAnalyzer.Listener listener, Consumer<LogIncident> sink) {
        this.limits = limits;
        this.listener = listener;
        this.sink = sink;
    }

    boolean isOpen() {
        return open;
    }

    /** One line, console prefix removed. {@code stageLine}: the line announced a boot stage. */
    void accept(String msg, long line, boolean stageLine) {
        if (open) {
            if (continueReport(msg, stageLine)) {
                return;
            }
        }
        ConsoleMarkers.Marker m = ConsoleMarkers.marker(msg);
        if (m == null) {
            return;
        }
        switch (m.role()) {
            case HEADER -> start(m.kind(), line, msg, false);
            case CUT_HERE -> start(IncidentKind.WARNING, line, msg, true);
            case STACK -> start(IncidentKind.WARNING, line, "stack dump without a report header: " + msg.strip(), false);
        }
        append(msg, true);
    }

    /** Closes an open report: the log ended. */
    void finish() {
        if (open) {
            close();
        }
    }

    /** True when the line was consumed by the open report; false when it closed the report and may open another. */
    private boolean continueReport(String msg, boolean stageLine) {
        if (stageLine && !ConsoleMarkers.isBody(msg)) {
            close();
            return false;
        }
        if (ConsoleMarkers.isEndMarker(msg)) {
            append(msg, true);
            close();
            return true;
        }
        if (sanitizer(kind) && !provisional && ConsoleMarkers.isSeparator(msg)) {
            append(msg, true);
            close();
            return true;
        }
        ConsoleMarkers.Marker m = ConsoleMarkers.marker(msg);
        if (m != null) {
            IncidentKind k = m.kind();
            if (m.role() == ConsoleMarkers.Role.STACK) {
                append(msg, true);
                return true;
            }
            if (m.role() == ConsoleMarkers.Role.HEADER && k != null && absorbs(k)) {
                if (provisional) {
                    kind = k;
                    provisional = false;
                    summary = bound(msg.strip());
                    announce();
                }
                append(msg, true);
                if (kind == IncidentKind.OOM && (msg.contains("Killed process") || msg.contains("no killable"))) {
                    close();
                }
                return true;
            }
            close();
            return false;
        }
        boolean body = ConsoleMarkers.isBody(msg);
        append(msg, body);
        if (!body && trailingNonBody >= (sanitizer(kind) ? IDLE_LINES_SANITIZER : IDLE_LINES)) {
            close();
        } else if (reportLines >= limits.maxReportLines()) {
            close();
        }
        return true;
    }

    private boolean absorbs(IncidentKind k) {
        if (provisional) {
            return !k.fatal();
        }
        return switch (k) {
            case OOPS, GENERAL_PROTECTION -> switch (kind) {
                case NULL_POINTER, OOPS, GENERAL_PROTECTION, BUG, KASAN, KCSAN, KFENCE, UBSAN -> true;
                default -> false;
            };
            case OOM -> kind == IncidentKind.OOM;
            default -> false;
        };
    }

    private static boolean sanitizer(IncidentKind k) {
        return k == IncidentKind.KASAN || k == IncidentKind.KCSAN || k == IncidentKind.KFENCE || k == IncidentKind.UBSAN;
    }

    private void start(IncidentKind k, long line, String headline, boolean cutHere) {
        open = true;
        kind = k;
        provisional = cutHere;
        announced = false;
        startLine = line;
        summary = cutHere ? "" : bound(headline.strip());
        trace.clear();
        reportLines = 0;
        omitted = 0;
        trailingNonBody = 0;
        trailingStored = 0;
        trailingOmitted = 0;
        if (!cutHere) {
            announce();
        }
    }

    private void announce() {
        if (!announced) {
            announced = true;
            listener.incidentStarted(kind, startLine, summary);
        }
    }

    private void append(String msg, boolean body) {
        reportLines++;
        if (body) {
            trailingNonBody = 0;
            trailingStored = 0;
            trailingOmitted = 0;
        } else {
            trailingNonBody++;
        }
        if (trace.size() < limits.maxTraceLines() - 1) {
            trace.add(bound(msg.stripTrailing()));
            trailingStored += body ? 0 : 1;
        } else {
            omitted++;
            trailingOmitted += body ? 0 : 1;
        }
        if (provisional && summary.isEmpty() && !body && !msg.isBlank() && !msg.contains("[ cut here ]")) {
            // WARN(cond, "text") prints its text between "cut here" and the WARNING line
            summary = bound(msg.strip());
        }
    }

    private void close() {
        // lines after the report's last report-like line were unrelated output, not part of it
        for (int i = 0; i < trailingStored && trace.size() > 1; i++) {
            trace.remove(trace.size() - 1);
        }
        omitted -= trailingOmitted;
        if (omitted > 0) {
            trace.add("... (" + omitted + " more lines)");
        }
        if (summary.isEmpty()) {
            summary = trace.isEmpty() ? "cut here" : trace.get(0).strip();
        }
        announce();
        open = false;
        // U-Boot's network loader says "Retry count exceeded; starting again" and does start again
        boolean fatal = kind.fatal() && !(kind == IncidentKind.BOOTLOADER_ERROR && summary.contains("starting again"));
        sink.accept(new LogIncident(kind, startLine, summary, fatal, trace));
        trace.clear();
    }

    private String bound(String s) {
        return s.length() <= limits.maxLineChars() ? s : s.substring(0, limits.maxLineChars());
    }
}
