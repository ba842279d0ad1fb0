package io.cikit.vcs.gitlab.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

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

    private static final int MAX_OFFSET_SECONDS = 18 * 3600;
    private static final long SECONDS_PER_DAY = 86_400L;

    private GitLabTimestamps() {
    }

    /** The instant a GitLab timestamp names; empty when the text is in none of the known styles. */
    public static Optional<Instant> parse(String text) {
        String s = text.trim();
        if (s.length() < 10 || s.length() > 64) {
            return Optional.empty();
        }
        Instant fast = fixedLayout(s);
        return fast != null ? Optional.of(fast) : general(s);
    }

    /** The {@code java.time} parsers: slower, and the reference {@link #fixedLayout} is tested against. */
    static Optional<Instant> general(String s) {
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

    /**
     * The three layouts GitLab actually sends, read by position without the {@code java.time} parsers (which cost
     * about a microsecond and a half each: a push lists up to 20 commits): {@code yyyy-MM-ddTHH:mm:ss[.f](Z|±HH:MM)},
     * {@code yyyy-MM-dd HH:mm:ss[.f] UTC} and {@code yyyy-MM-dd HH:mm:ss[.f] ±HHMM}. Null for anything else.
     */
    static @Nullable Instant fixedLayout(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        char separator = s.charAt(10);
        if (separator != 'T' && separator != ' ') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        int pos = 19;
        int nanos = 0;
        if (s.charAt(pos) == '.') {
            int start = ++pos;
            while (pos < n && pos - start < 9 && isDigit(s.charAt(pos))) {
                nanos = nanos * 10 + (s.charAt(pos) - '0');
                pos++;
            }
            if (pos == start) {
                return null;
            }
            for (int i = pos - start; i < 9; i++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        int zoneLength = n - pos;
        if (separator == 'T') {
            if (zoneLength == 1 && s.charAt(pos) == 'Z') {
                offsetSeconds = 0;
            } else if (zoneLength == 6 && s.charAt(pos + 3) == ':') {
                offsetSeconds = offset(s.charAt(pos), digits(s, pos + 1, 2), digits(s, pos + 4, 2));
            } else {
                return null;
            }
        } else if (zoneLength == 4 && s.startsWith(" UTC", pos)) {
            offsetSeconds = 0;
        } else if (zoneLength == 6 && s.charAt(pos) == ' ') {
            offsetSeconds = offset(s.charAt(pos + 1), digits(s, pos + 2, 2), digits(s, pos + 4, 2));
        } else {
            return null;
        }
        // the checks LocalDateTime.of and ZoneOffset.ofTotalSeconds would make, without building either (the
        // offset's look-up in ZoneOffset's cache alone cost a tenth of a push's mapping)
        if (offsetSeconds == Integer.MIN_VALUE || Math.abs(offsetSeconds) > MAX_OFFSET_SECONDS || hour > 23
                || minute > 59 || second > 59) {
            return null;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null;
        }
        return Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second - offsetSeconds,
                nanos);
    }

    private static int offset(char sign, int hours, int minutes) {
        if ((sign != '+' && sign != '-') || hours < 0 || minutes < 0 || hours > 18 || minutes > 59) {
            return Integer.MIN_VALUE;
        }
        int seconds = hours * 3600 + minutes * 60;
        return sign == '-' ? -seconds : seconds;
    }

    /** The non-negative number in {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean hasOffset(String s) {
        int timeStart = 11;
        return s.indexOf('+', timeStart) > 0 || s.indexOf('-', timeStart) > 0;
    }
}
