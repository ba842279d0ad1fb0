package io.cikit.core.result;

import java.util.List;
import java.util.Objects;

/**
 * One problem report found in a console log, its multi-line report grouped into one value.
 *
 * @param kind what kind of problem
 * @param line the 1-based line where the report starts (the {@code cut here} line when there is one)
 * @param summary the report's headline, console prefixes removed ({@code WARNING: CPU: 0 PID: 1 at …})
 * @param fatal whether it stopped the boot: a panic or a boot loader failure
 * @param trace the report's lines in order, console prefixes removed, bounded by {@link LogLimits}
 */
public record LogIncident(IncidentKind kind, long line, String summary, boolean fatal, List<String> trace) {

    public LogIncident {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(summary, "summary");
        trace = List.copyOf(trace);
    }
}
