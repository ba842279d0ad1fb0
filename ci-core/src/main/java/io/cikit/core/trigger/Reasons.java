package io.cikit.core.trigger;

import io.cikit.core.event.PushEvent;
import io.cikit.core.trigger.GlobFilter.Verdict;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Wording shared by the rules, so every reason names filters and refs the same way. */
final class Reasons {
    private Reasons() {
    }

    /** Why a name was turned away: {@code branch 'docs/x' excluded by 'docs/**'}. */
    static String rejected(String kind, String name, Verdict verdict, GlobFilter filter) {
        return verdict.excludedBy()
                .map(glob -> kind + " '" + name + "' excluded by '" + glob.pattern() + "'")
                .orElseGet(() -> kind + " '" + name + "' matches no " + kind + " filter (" + filter.describeIncludes() + ")");
    }

    /** Why a name was let through, to follow what was admitted: {@code  matches branch filter 'main'}. */
    static String admitted(String kind, Verdict verdict, GlobFilter filter) {
        if (verdict.includedBy().isPresent()) {
            return " matches " + kind + " filter '" + verdict.includedBy().get().pattern() + "'";
        }
        return filter.isOpen() ? " (every " + kind + " is tested)" : " (not excluded by " + kind + " filters)";
    }

    static String skippedByMarker(String where, String marker) {
        return SkipMarkers.TRAILER.equals(marker)
                ? "skipped: " + where + " has a '" + SkipMarkers.TRAILER + "' trailer"
                : "skipped: " + where + " says " + marker;
    }

    /**
     * A run on {@code sha}; when the event names no usable sha (blank or zeros), a run with no commits whose reason
     * tells the host to resolve the head.
     */
    static TriggerDecision runOnHead(String reason, String sha) {
        if (sha.isBlank() || PushEvent.isZeroSha(sha)) {
            return TriggerDecision.run(reason + "; the event names no head commit, so it must be resolved", List.of());
        }
        return TriggerDecision.run(reason, List.of(sha));
    }

    static String quoted(List<String> values) {
        return values.stream().map(v -> "'" + v + "'").collect(Collectors.joining(", "));
    }

    static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
