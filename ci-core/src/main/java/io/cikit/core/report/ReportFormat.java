package io.cikit.core.report;

import java.util.Locale;
import java.util.Optional;

/** The forms a report can be rendered in. */
public enum ReportFormat {
    /** For PR/MR comments: tables, Mermaid trend charts, cut to the provider's size. */
    MARKDOWN,
    /** A self-contained page for email and the runner: inline CSS and SVG, no external assets. */
    HTML,
    /** One line of at most 140 characters, for commit-status descriptions. */
    PLAIN;

    /** Reads {@code markdown}, {@code md}, {@code html}, {@code plain}, {@code text} case-insensitively. */
    public static Optional<ReportFormat> parse(String word) {
        return switch (word.trim().toLowerCase(Locale.ROOT)) {
            case "markdown", "md" -> Optional.of(MARKDOWN);
            case "html" -> Optional.of(HTML);
            case "plain", "text", "txt" -> Optional.of(PLAIN);
            default -> Optional.empty();
        };
    }
}
