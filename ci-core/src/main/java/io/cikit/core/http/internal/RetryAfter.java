package io.cikit.core.http.internal;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Parses {@code Retry-After} (RFC 9110 §10.2.3): delta seconds, or an HTTP-date in any of its three forms
 * (IMF-fixdate, obsolete RFC 850, asctime). Never throws: anything unreadable is "no advice".
 */
public final class RetryAfter {
    private static final int MAX_LENGTH = 64;

    private static final DateTimeFormatter RFC_850 = new DateTimeFormatterBuilder()
            .appendPattern("EEEE, dd-MMM-")
            .appendValueReduced(ChronoField.YEAR, 2, 2, 1970)
            .appendPattern(" HH:mm:ss 'GMT'")
            .toFormatter(Locale.ENGLISH);
    private static final DateTimeFormatter ASCTIME =
            DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ENGLISH);

    private RetryAfter() {
    }

    /** The wait a {@code Retry-After} value asks for, measured from {@code now}; a date in the past is zero. */
    public static Optional<Duration> parse(String raw, Instant now) {
        String value = raw.strip();
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        if (isDigits(value)) {
            return Optional.of(seconds(value));
        }
        return date(value).map(when -> WaitDurations.clamp(Duration.between(now, when)));
    }

    /** Whole non-negative seconds, saturating at {@link WaitDurations#CEILING}; the caller checked the digits. */
    static Duration seconds(String digits) {
        String trimmed = digits.replaceFirst("^0+(?=\\d)", "");
        if (trimmed.length() > 10) {
            return WaitDurations.CEILING;
        }
        return WaitDurations.clamp(Duration.ofSeconds(Long.parseLong(trimmed)));
    }

    static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** An HTTP-date in any of its three permitted forms. */
    public static Optional<Instant> date(String value) {
        String collapsed = value.strip().replaceAll("\\s+", " ");
        try {
            return Optional.of(ZonedDateTime.parse(collapsed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeException e) {
            // try the obsolete forms below
        }
        for (DateTimeFormatter f : List.of(RFC_850, ASCTIME)) {
            try {
                return Optional.of(LocalDateTime.parse(collapsed, f).toInstant(ZoneOffset.UTC));
            } catch (DateTimeException e) {
                // next form
            }
        }
        return Optional.empty();
    }
}
