package io.cikit.core.report;

import io.cikit.core.result.TestResult;
import io.cikit.core.result.TestResults;
import io.cikit.core.result.TestStatus;
import io.cikit.core.result.TestSummary;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Folds one run's results into one commit status: any failure is {@link StatusState#FAILURE}; otherwise any error,
 * or no result at all, is {@link StatusState#ERROR}; otherwise {@link StatusState#SUCCESS}. The description counts
 * the outcomes and names failing tests (failures first, then errors) while it stays within {@value #MAX_DESCRIPTION}
 * characters.
 */
final class ResultStatus {
    /** The shortest description limit among providers (GitHub's). */
    static final int MAX_DESCRIPTION = ReportRenderer.MAX_DESCRIPTION;

    private static final String PARTIAL = " (results cut short)";

    private ResultStatus() {
    }

    static CommitStatus of(String context, TestResults results, Optional<URI> logsUrl) {
        return new CommitStatus(state(results.summary()), context, Optional.of(description(results)), logsUrl);
    }

    static StatusState state(TestSummary summary) {
        if (summary.failed() > 0) {
            return StatusState.FAILURE;
        }
        if (summary.errors() > 0 || summary.total() == 0) {
            return StatusState.ERROR;
        }
        return StatusState.SUCCESS;
    }

    static String description(TestResults results) {
        TestSummary summary = results.summary();
        String partial = results.truncated() ? PARTIAL : "";
        if (summary.total() == 0) {
            return "no test results" + partial;
        }
        List<String> parts = new ArrayList<>();
        if (summary.failed() > 0) {
            parts.add(summary.failed() + " failed");
        }
        if (summary.errors() > 0) {
            parts.add(summary.errors() + (summary.errors() == 1 ? " error" : " errors"));
        }
        parts.add(summary.passed() + " passed");
        if (summary.skipped() > 0) {
            parts.add(summary.skipped() + " skipped");
        }
        StringBuilder text = new StringBuilder(String.join(", ", parts)).append(partial);
        List<String> names = Stream.concat(paths(results, TestStatus.FAIL), paths(results, TestStatus.ERROR)).toList();
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

    private static Stream<String> paths(TestResults results, TestStatus status) {
        return results.results().stream().filter(r -> r.status() == status).map(TestResult::path)
                .map(p -> p.replaceAll("\\s+", " ").strip()).filter(p -> !p.isEmpty());
    }
}
