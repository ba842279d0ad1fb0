package io.cikit.core.http.internal;

import io.cikit.core.http.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads what a server says about when to come back: {@code Retry-After}, GitHub's {@code x-ratelimit-*} and
 * GitLab's {@code RateLimit-*} headers, and GitHub's secondary-limit message. Never throws on odd values.
 */
public final class RateLimits {
    /** Reset values at or above this are epoch seconds; below, delta seconds (the IETF draft's form). */
    private static final long EPOCH_THRESHOLD = 1_000_000_000L;
    /** Only this much of a body is searched for the secondary-limit message. */
    private static final int SCAN_BYTES = 64 * 1024;
    private static final String SECONDARY_MESSAGE = "secondary rate limit";

    private static final List<String> REMAINING = List.of("x-ratelimit-remaining", "ratelimit-remaining");
    private static final List<String> RESET = List.of("x-ratelimit-reset", "ratelimit-reset");

    private RateLimits() {
    }

    /** Where a server-told wait came from; also a metrics tag. */
    public enum Source {
        RETRY_AFTER("retry_after"),
        RATE_LIMIT_RESET("reset"),
        SECONDARY_LIMIT("secondary");

        private final String tag;

        Source(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    /** A wait the server asked for (or, for GitHub's secondary limit, implied). */
    public record Wait(Duration duration, Source source) {
    }

    /**
     * The wait a reply asks for, if any. 429 and 403 consult {@code Retry-After}, then an exhausted quota's reset
     * time, then the secondary-limit message ({@code secondaryWait · 2^secondaryHits}); 503 consults only
     * {@code Retry-After}. Other statuses never ask for a wait.
     */
    public static Optional<Wait> serverWait(int status, Headers headers, byte[] body, Instant now,
                                            Duration secondaryWait, int secondaryHits) {
        if (status == 503) {
            return retryAfter(headers, now);
        }
        if (status != 429 && status != 403) {
            return Optional.empty();
        }
        Optional<Wait> told = retryAfter(headers, now);
        if (told.isPresent()) {
            return told;
        }
        if (quotaExhausted(headers)) {
            Optional<Duration> untilReset = untilReset(headers, now);
            if (untilReset.isPresent()) {
                return Optional.of(new Wait(untilReset.get(), Source.RATE_LIMIT_RESET));
            }
        }
        if (mentionsSecondaryLimit(body)) {
            return Optional.of(new Wait(WaitDurations.doubled(secondaryWait, secondaryHits), Source.SECONDARY_LIMIT));
        }
        return Optional.empty();
    }

    /** Whether a reply is a rate-limit rejection (429, or 403 with an exhausted quota or the secondary message). */
    public static boolean isRateLimited(int status, Headers headers, byte[] body) {
        if (status == 429) {
            return true;
        }
        return status == 403
                && (headers.contains("retry-after") || quotaExhausted(headers) || mentionsSecondaryLimit(body));
    }

    private static Optional<Wait> retryAfter(Headers headers, Instant now) {
        return headers.first("retry-after")
                .flatMap(v -> RetryAfter.parse(v, now))
                .map(d -> new Wait(d, Source.RETRY_AFTER));
    }

    static boolean quotaExhausted(Headers headers) {
        for (String name : REMAINING) {
            Optional<String> v = headers.first(name).map(String::strip);
            if (v.isPresent()) {
                return v.get().equals("0");
            }
        }
        return false;
    }

    static Optional<Duration> untilReset(Headers headers, Instant now) {
        for (String name : RESET) {
            Optional<String> v = headers.first(name).map(String::strip).filter(RetryAfter::isDigits);
            if (v.isPresent()) {
                return Optional.of(resetWait(v.get(), now));
            }
        }
        return Optional.empty();
    }

    private static Duration resetWait(String digits, Instant now) {
        String trimmed = digits.replaceFirst("^0+(?=\\d)", "");
        if (trimmed.length() > 18) {
            return WaitDurations.CEILING;
        }
        long value = Long.parseLong(trimmed);
        if (value < EPOCH_THRESHOLD) {
            return WaitDurations.clamp(Duration.ofSeconds(value));
        }
        if (value > Instant.MAX.getEpochSecond()) {
            return WaitDurations.CEILING;
        }
        return WaitDurations.clamp(Duration.between(now, Instant.ofEpochSecond(value)));
    }

    static boolean mentionsSecondaryLimit(byte[] body) {
        int length = Math.min(body.length, SCAN_BYTES);
        String text = new String(body, 0, length, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        return text.contains(SECONDARY_MESSAGE);
    }
}
