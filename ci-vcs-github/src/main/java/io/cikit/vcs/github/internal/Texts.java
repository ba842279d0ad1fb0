package io.cikit.vcs.github.internal;

import io.cikit.core.report.Truncation;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** GitHub's text limits, applied by cutting rather than by letting a request fail with 422. */
public final class Texts {
    /** A commit status description. */
    public static final int MAX_DESCRIPTION = 140;
    /** A check run's {@code output.summary} and {@code output.text}. */
    public static final int MAX_CHECK_TEXT = 65_535;
    /** An issue or pull-request comment body. */
    public static final int MAX_COMMENT = 65_536;
    /** A check-run annotation's {@code message} and {@code raw_details}: "64 KB", read as the smaller 64 000 bytes. */
    public static final int MAX_ANNOTATION_BYTES = 64_000;
    /** A check-run annotation's and output's {@code title}. */
    public static final int MAX_TITLE = 255;

    private Texts() {
    }

    /** One line (line breaks become spaces), at most 140 characters, ending in an ellipsis when cut. */
    public static String description(String text) {
        return Truncation.ellipsis(text.replaceAll("[\\r\\n]+", " ").strip(), MAX_DESCRIPTION);
    }

    /**
     * A long Markdown text cut to {@code maxChars}, ending with a visible line saying it was cut, and where to read
     * the rest when a link is known.
     */
    public static String withNotice(String text, int maxChars, Optional<URI> fullText) {
        if (text.length() <= maxChars) {
            return text;
        }
        String notice = fullText.map(u -> "\n\n---\n:warning: truncated, see " + u)
                .orElse("\n\n---\n:warning: truncated: the full text is over GitHub's limit of " + maxChars
                        + " characters");
        return Truncation.withSuffix(text, maxChars, notice);
    }

    /** At most {@code maxBytes} bytes of UTF-8, ending in an ellipsis when cut; never splits a character. */
    public static String utf8(String text, int maxBytes) {
        if (text.length() * 3L <= maxBytes || utf8Length(text) <= maxBytes) {
            return text;
        }
        int budget = maxBytes - utf8Length(Truncation.ELLIPSIS);
        int used = 0;
        int end = 0;
        while (end < text.length()) {
            int cp = text.codePointAt(end);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (used + size > budget) {
                break;
            }
            used += size;
            end += Character.charCount(cp);
        }
        return text.substring(0, end) + Truncation.ELLIPSIS;
    }

    static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
