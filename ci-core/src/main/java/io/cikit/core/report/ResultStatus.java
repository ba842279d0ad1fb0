package io.cikit.core.report;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Folds test counts into one commit status: any failure is {@link StatusState#FAILURE}; otherwise any error, or no
 * result at all, is {@link StatusState#ERROR}; otherwise {@link StatusState#SUCCESS}. The description counts the
 * outcomes and names failing tests while it stays within {@value #MAX_DESCRIPTION} characters.
 */
final class ResultStatus {
    /** The shortest description limit among providers (GitHub's). */
    static final int MAX_DESCRIPTION = 140;

    private ResultStatus() {
    }

    static CommitStatus of(String context, TestCounts counts, Optional<URI> logsUrl) {
        return new CommitStatus(state(counts), context, Optional.of(description(counts)), logsUrl);
    }

    static StatusState state(TestCounts counts) {
        if (counts.failed() > 0) {
            return StatusState.FAILURE;
        }
        if (counts.errors() > 0 || counts.total() == 0) {
            return StatusState.ERROR;
        }
        return StatusState.SUCCESS;
    }

    static String description(TestCounts counts) {
        if (counts.total() == 0) {
            return "no test results";
        }
        List<String> parts = new ArrayList<>();
        if (counts.failed() > 0) {
            parts.add(counts.failed() + " failed");
        }
        if (counts.errors() > 0) {
            parts.add(counts.errors() + (counts.errors() == 1 ? " error" : " errors"));
        }
        parts.add(counts.passed() + " passed");
        if (counts.skipped() > 0) {
            parts.add(counts.skipped() + " skipped");
        }
        StringBuilder text = new StringBuilder(String.join(", ", parts));
        List<String> names = counts.failing().stream().map(ResultStatus::oneLine).filter(n -> !n.isEmpty()).toList();
        if (!names.isEmpty()) {
            text.append(" | ");
            int shown = 0;
            for (String name : names) {
                int left = names.size() - shown - 1;
                String more = left > 0 ? ", +" + left + " more" : "";
                String piece = (shown == 0 ? "" : ", ") + name;
                if (text.length() + piece.length() + more.length() > MAX_DESCRIPTION) {
                    break;
                }
                text.append(piece);
                shown++;
            }
            if (shown == 0) {
                text.setLength(text.length() - 3);
            } else if (shown < names.size()) {
                text.append(", +").append(names.size() - shown).append(" more");
            }
        }
        return Truncation.ellipsis(text.toString(), MAX_DESCRIPTION);
    }

    private static String oneLine(String name) {
        return name.replaceAll("\\s+", " ").strip();
    }
}
