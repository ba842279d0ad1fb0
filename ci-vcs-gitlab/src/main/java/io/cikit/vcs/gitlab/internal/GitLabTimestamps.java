package io.cikit.vcs.gitlab.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Optional;

/**
 * Reads the timestamp styles GitLab payloads mix: {@code 2016-08-12 15:23:28 UTC} (pipeline, note and job hooks),
 * ISO 8601 with an offset or {@code Z} ({@code 2021-02-23T02:41:37.886Z}), and {@code 2021-04-28 21:50:00 +0200}
 * (deployment hooks). Anything else is absent, never an error.
 */
public final class GitLabTimestamps {
    private static final DateTimeFormatter SPACED_LOCAL = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral(' ')
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .toFormatter();
    private static final DateTimeFormatter SPACED_OFFSET = new DateTimeFormatterBuilder()
            .append(SPACED_LOCAL)
            .appendLiteral(' ')
            .appendOffset("+HHMM", "+0000")
            .toFormatter();

    private GitLabTimestamps() {
    }

    /** The instant a GitLab timestamp names; empty when the text is in none of the known styles. */
    public static Optional<Instant> parse(String text) {
        String s = text.trim();
        if (s.length() < 10 || s.length() > 64) {
            return Optional.empty();
        }
        try {
            if (s.indexOf('T') == 10) {
                if (s.endsWith("Z") || hasOffset(s)) {
                    return Optional.of(OffsetDateTime.parse(s).toInstant());
                }
                // GitLab writes ISO times in UTC; a bare local time from an older instance is read as UTC too
                return Optional.of(LocalDateTime.parse(s).toInstant(ZoneOffset.UTC));
            }
            if (s.endsWith(" UTC")) {
                return Optional.of(LocalDateTime.parse(s.substring(0, s.length() - 4), SPACED_LOCAL).toInstant(ZoneOffset.UTC));
            }
            return Optional.of(OffsetDateTime.parse(s, SPACED_OFFSET).toInstant());
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static boolean hasOffset(String s) {
        int timeStart = 11;
        return s.indexOf('+', timeStart) > 0 || s.indexOf('-', timeStart) > 0;
    }
}
