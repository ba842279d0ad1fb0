package io.cikit.core.result.internal;

import io.cikit.core.result.BootStage;
import io.cikit.core.result.BootStageReached;
import io.cikit.core.result.ConsoleLogAnalyzer;
import io.cikit.core.result.LogAnalysis;
import io.cikit.core.result.LogIncident;
import io.cikit.core.result.LogLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The engine behind {@link ConsoleLogAnalyzer}: splits bytes into lines, lets the {@link LiteralFilter} discard the
 * ordinary ones without decoding them, and hands the rest to the boot-stage tracking and the {@link ReportTracker}.
 * Memory is constant: one carried partial line (at most {@link LogLimits#maxLineBytes()}), one open report, and the
 * bounded lists of incidents and stages. Not thread-safe.
 */
public final class ConsoleScanner {
    private final LogLimits limits;
    private final ConsoleLogAnalyzer.Listener listener;
    private final LineFilter filter = new LineFilter(ConsoleMarkers.ANYWHERE, ConsoleMarkers.START);
    private final ReportTracker reports;
    private final List<LogIncident> incidents = new ArrayList<>();
    private final List<BootStageReached> stages = new ArrayList<>();
    private long dropped;
    private @Nullable BootStage stage;
    private long promptSeenAtLine = -1;

    private final byte[] carry;
    private int carryLen;
    private boolean carrying;
    private long lines;
    private long bytes;
    private boolean finished;

    public ConsoleScanner(LogLimits limits, ConsoleLogAnalyzer.Listener listener) {
        this.limits = limits;
        this.listener = listener;
        this.carry = new byte[limits.maxLineBytes()];
        this.reports = new ReportTracker(limits, listener, this::completed);
        filter.enable(ConsoleMarkers.mask(null));
    }

    /** Consumes a chunk of the log; lines may span chunks. */
    public void feed(byte[] b, int off, int len) {
        if (finished) {
            throw new IllegalStateException("analysis already finished");
        }
        bytes += len;
        int end = off + len;
        int i = off;
        if (carrying) {
            int nl = LineFilter.findNewline(b, i, end);
            if (nl < 0) {
                keep(b, i, end);
                return;
            }
            keep(b, i, nl);
            line(carry, 0, carryLen);
            carryLen = 0;
            carrying = false;
            i = nl + 1;
        }
        while (i < end) {
            int nl = LineFilter.findNewline(b, i, end);
            if (nl < 0) {
                carrying = true;
                keep(b, i, end);
                break;
            }
            line(b, i, nl);
            i = nl + 1;
        }
    }

    public @Nullable BootStage stage() {
        return stage;
    }

    public long lines() {
        return lines;
    }

    /** Ends the log: a last line without a terminator counts, an open report closes. */
    public LogAnalysis finish() {
        if (!finished) {
            if (carrying) {
                line(carry, 0, carryLen);
                carrying = false;
                carryLen = 0;
            }
            reports.finish();
            finished = true;
        }
        return new LogAnalysis(incidents, stages, Optional.ofNullable(stage), lines, bytes, dropped);
    }

    private void keep(byte[] b, int from, int to) {
        int n = Math.min(to - from, carry.length - carryLen);
        if (n > 0) {
            System.arraycopy(b, from, carry, carryLen, n);
            carryLen += n;
        }
    }

    private void line(byte[] b, int start, int end) {
        lines++;
        // only the first maxLineBytes of a line count, however the bytes arrived
        int e = Math.min(end, start + limits.maxLineBytes());
        while (e > start && b[e - 1] == '\r') {
            e--;
        }
        if (!reports.isOpen() && filter.scan(b, start, e) == 0
                && !(stage != BootStage.LOGIN_PROMPT && promptShaped(b, start, e))) {
            return;
        }
        String msg = ConsolePrefix.strip(new String(b, start, e - start, StandardCharsets.UTF_8));
        BootStage s = ConsoleMarkers.stage(msg);
        boolean advanced = s != null && reach(s, lines);
        reports.accept(msg, lines, advanced);
    }

    // before the login prompt: a line ending in # or $ (a shell prompt), or with "login:" near its end
    private static boolean promptShaped(byte[] b, int start, int end) {
        int e = end;
        while (e > start && (b[e - 1] == ' ' || b[e - 1] == '\t')) {
            e--;
        }
        if (e == start) {
            return false;
        }
        if (b[e - 1] == '#' || b[e - 1] == '$') {
            return e - start <= 120;
        }
        for (int i = Math.max(start, e - 48); i + 6 <= e; i++) {
            if (b[i] == 'l' && b[i + 1] == 'o' && b[i + 2] == 'g' && b[i + 3] == 'i' && b[i + 4] == 'n'
                    && b[i + 5] == ':') {
                return true;
            }
        }
        return false;
    }

    /**
     * The console went quiet: a live console shows its prompt without a newline after it, so the unfinished line
     * is looked at as a possible login or shell prompt. Chunk boundaries alone never do this, so how bytes are
     * split can never change the analysis.
     */
    public void quiet() {
        if (finished) {
            return;
        }
        if (!carrying || carryLen == 0 || stage == BootStage.LOGIN_PROMPT || promptSeenAtLine == lines + 1) {
            return;
        }
        int e = carryLen;
        while (e > 0 && (carry[e - 1] == ' ' || carry[e - 1] == '\r')) {
            e--;
        }
        if (e == 0 || (carry[e - 1] != ':' && carry[e - 1] != '#' && carry[e - 1] != '$')) {
            return;
        }
        String msg = ConsolePrefix.strip(new String(carry, 0, e, StandardCharsets.UTF_8));
        if (ConsoleMarkers.stage(msg) == BootStage.LOGIN_PROMPT) {
            promptSeenAtLine = lines + 1;
            reach(BootStage.LOGIN_PROMPT, lines + 1);
        }
    }

    private boolean reach(BootStage s, long line) {
        BootStage current = stage;
        boolean forward = current == null || s.compareTo(current) > 0;
        boolean reboot = current != null && ((s == BootStage.BOOTLOADER && current != BootStage.BOOTLOADER)
                || (s == BootStage.KERNEL_STARTED && current.compareTo(BootStage.KERNEL_STARTED) > 0));
        if (!forward && !reboot) {
            return false;
        }
        stage = s;
        BootStageReached r = new BootStageReached(s, line);
        if (stages.size() < limits.maxStageRecords()) {
            stages.add(r);
        } else {
            // a reboot loop: keep the newest transitions so the last boot stays visible
            stages.remove(0);
            stages.add(r);
        }
        filter.enable(ConsoleMarkers.mask(s));
        listener.stageReached(r);
        return true;
    }

    private void completed(LogIncident incident) {
        if (incidents.size() < limits.maxIncidents()) {
            incidents.add(incident);
        } else {
            dropped++;
        }
        listener.incidentCompleted(incident);
    }
}
