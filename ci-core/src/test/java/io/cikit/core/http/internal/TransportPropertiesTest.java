package io.cikit.core.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cikit.core.http.Headers;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;

class TransportPropertiesTest {

    @Property(tries = 1000)
    void backoffIsAlwaysWithinZeroAndTheMaximum(@ForAll @LongRange(min = 0, max = 3_600_000) long initialMillis,
                                                @ForAll @LongRange(min = 0, max = 3_600_000) long maxMillis,
                                                @ForAll @IntRange(min = -5, max = 10_000) int retryIndex,
                                                @ForAll long seed) {
        Duration initial = Duration.ofMillis(initialMillis);
        Duration max = Duration.ofMillis(maxMillis);

        Duration wait = Backoff.fullJitter(initial, max, retryIndex, new Random(seed));

        assertThat(wait).isBetween(Duration.ZERO, max);
        assertThat(wait).isLessThanOrEqualTo(Backoff.ceiling(initial, max, retryIndex));
    }

    @Property(tries = 500)
    void theBackoffCeilingGrowsWithEachRetryUntilTheMaximum(
            @ForAll @LongRange(min = 1, max = 10_000) long initialMillis,
            @ForAll @LongRange(min = 1, max = 600_000) long maxMillis,
            @ForAll @IntRange(min = 0, max = 200) int retryIndex) {
        Duration initial = Duration.ofMillis(initialMillis);
        Duration max = Duration.ofMillis(maxMillis);

        Duration now = Backoff.ceiling(initial, max, retryIndex);
        Duration next = Backoff.ceiling(initial, max, retryIndex + 1);

        assertThat(next).isGreaterThanOrEqualTo(now);
        assertThat(next).isLessThanOrEqualTo(max);
        if (now.compareTo(max) < 0) {
            assertThat(next).isEqualTo(now.multipliedBy(2).compareTo(max) < 0 ? now.multipliedBy(2) : max);
        }
    }

    @Property(tries = 500)
    void retryAfterNeverThrowsAndNeverGivesANegativeOrUnboundedWait(@ForAll("headerLike") String raw,
                                                                    @ForAll @LongRange(min = -62_000_000_000L, max = 250_000_000_000L) long nowSecond) {
        RetryAfter.parse(raw, Instant.ofEpochSecond(nowSecond))
                .ifPresent(d -> assertThat(d).isBetween(Duration.ZERO, WaitDurations.CEILING));
    }

    @Property(tries = 300)
    void retryAfterReadsBackAnyFormattedDate(@ForAll @LongRange(min = 0, max = 253_402_300_799L) long epochSecond,
                                             @ForAll @IntRange(min = 0, max = 1_000_000) int aheadSeconds) {
        Instant now = Instant.ofEpochSecond(epochSecond);
        Instant when = now.plusSeconds(aheadSeconds);
        if (when.isAfter(Instant.parse("9999-12-31T23:59:59Z"))) {
            return;
        }
        String header = DateTimeFormatter.RFC_1123_DATE_TIME.format(when.atOffset(ZoneOffset.UTC));

        assertThat(RetryAfter.parse(header, now)).contains(Duration.ofSeconds(aheadSeconds));
    }

    @Property(tries = 500)
    void rateLimitsNeverThrowOnArbitraryHeaderValues(@ForAll("headerLike") String retryAfter,
                                                     @ForAll("headerLike") String remaining,
                                                     @ForAll("headerLike") String reset,
                                                     @ForAll("status") int status,
                                                     @ForAll byte[] body) {
        Headers h = Headers.of("Retry-After", retryAfter, "x-ratelimit-remaining", remaining, "x-ratelimit-reset", reset,
                "RateLimit-Reset", reset);

        RateLimits.serverWait(status, h, body, Instant.now(), Duration.ofSeconds(60), 3)
                .ifPresent(w -> assertThat(w.duration()).isBetween(Duration.ZERO, WaitDurations.CEILING));
        RateLimits.isRateLimited(status, h, body);
    }

    @Property(tries = 500)
    void redactedUrisNeverShowSensitiveQueryValues(@ForAll("sensitiveName") String name,
                                                   @ForAll @AlphaChars @NumericChars @StringLength(min = 8, max = 40) String secret) {
        URI uri = URI.create("https://api.example/path?page=1&" + name + "=" + secret + "&z=ok");

        String shown = Redaction.uri(uri);

        assertThat(shown).doesNotContain(secret).contains("page=1", "z=ok", name + "=" + Redaction.MASK);
    }

    @Provide
    Arbitrary<String> headerLike() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(80),
                Arbitraries.strings().withCharRange('0', '9').ofMinLength(1).ofMaxLength(30),
                Arbitraries.strings().withChars("0123456789 ,:-GMTSunNovFriWedJanDec").ofMaxLength(40),
                Arbitraries.of("Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT",
                        "Sun Nov  6 08:49:37 1994", "Fri, 31 Dec 9999 23:59:59 GMT", "Mon, 01 Jan 0000 00:00:00 GMT",
                        "-1", "0", "１２", "1e9", " 5 "));
    }

    @Provide
    Arbitrary<Integer> status() {
        return Arbitraries.oneOf(Arbitraries.of(403, 429, 503), Arbitraries.integers().between(100, 599));
    }

    @Provide
    Arbitrary<String> sensitiveName() {
        return Arbitraries.of("token", "access_token", "private_token", "sig", "signature", "api_key", "key",
                "password", "client_secret", "X-Amz-Signature", "auth");
    }
}
