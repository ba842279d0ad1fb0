package io.cikit.core.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cikit.core.http.Headers;
import io.cikit.core.http.internal.RateLimits.Source;
import io.cikit.core.http.internal.RateLimits.Wait;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RateLimitsTest {
    private static final Instant NOW = Instant.ofEpochSecond(1_900_000_000L);
    private static final Duration SECONDARY = Duration.ofSeconds(60);
    private static final byte[] NO_BODY = new byte[0];
    private static final byte[] SECONDARY_BODY =
            "{\"message\":\"You have exceeded a Secondary Rate Limit\"}".getBytes(StandardCharsets.UTF_8);

    private static Optional<Wait> wait(int status, Headers h, byte[] body, int hits) {
        return RateLimits.serverWait(status, h, body, NOW, SECONDARY, hits);
    }

    @Test
    void retryAfterComesFirst() {
        Headers h = Headers.of("Retry-After", "5", "x-ratelimit-remaining", "0", "x-ratelimit-reset", "1900000100");

        assertThat(wait(429, h, SECONDARY_BODY, 0)).contains(new Wait(Duration.ofSeconds(5), Source.RETRY_AFTER));
        assertThat(wait(403, h, NO_BODY, 0)).contains(new Wait(Duration.ofSeconds(5), Source.RETRY_AFTER));
    }

    @Test
    void anExhaustedQuotaWaitsUntilReset() {
        Headers github = Headers.of("x-ratelimit-remaining", "0", "x-ratelimit-reset", "1900000100");
        Headers gitlab = Headers.of("RateLimit-Remaining", "0", "RateLimit-Reset", "1900000030");
        Headers draft = Headers.of("RateLimit-Remaining", "0", "RateLimit-Reset", "12");

        assertThat(wait(403, github, NO_BODY, 0)).contains(new Wait(Duration.ofSeconds(100), Source.RATE_LIMIT_RESET));
        assertThat(wait(429, gitlab, NO_BODY, 0)).contains(new Wait(Duration.ofSeconds(30), Source.RATE_LIMIT_RESET));
        assertThat(wait(429, draft, NO_BODY, 0)).contains(new Wait(Duration.ofSeconds(12), Source.RATE_LIMIT_RESET));
    }

    @Test
    void aResetInThePastMeansGoNow() {
        Headers h = Headers.of("x-ratelimit-remaining", "0", "x-ratelimit-reset", "1800000000");

        assertThat(wait(403, h, NO_BODY, 0)).contains(new Wait(Duration.ZERO, Source.RATE_LIMIT_RESET));
    }

    @Test
    void theSecondaryLimitWaitsTheConfiguredTimeDoublingOnEachRepeat() {
        assertThat(wait(403, Headers.empty(), SECONDARY_BODY, 0)).contains(new Wait(SECONDARY, Source.SECONDARY_LIMIT));
        assertThat(wait(403, Headers.empty(), SECONDARY_BODY, 2))
                .contains(new Wait(Duration.ofSeconds(240), Source.SECONDARY_LIMIT));
        assertThat(wait(429, Headers.of("x-ratelimit-remaining", "42"), SECONDARY_BODY, 0))
                .contains(new Wait(SECONDARY, Source.SECONDARY_LIMIT));
        assertThat(wait(403, Headers.empty(), SECONDARY_BODY, 10_000))
                .hasValueSatisfying(w -> assertThat(w.duration()).isEqualTo(WaitDurations.CEILING));
    }

    @Test
    void serviceUnavailableOnlyWaitsWhenTold() {
        assertThat(wait(503, Headers.of("Retry-After", "2"), NO_BODY, 0))
                .contains(new Wait(Duration.ofSeconds(2), Source.RETRY_AFTER));
        assertThat(wait(503, Headers.of("x-ratelimit-remaining", "0", "x-ratelimit-reset", "1900000100"), NO_BODY, 0))
                .isEmpty();
    }

    @Test
    void otherRepliesNeverAskForAWait() {
        assertThat(wait(403, Headers.empty(), "{\"message\":\"Must have admin rights\"}".getBytes(StandardCharsets.UTF_8), 0))
                .isEmpty();
        assertThat(wait(403, Headers.of("x-ratelimit-remaining", "10"), NO_BODY, 0)).isEmpty();
        assertThat(wait(500, Headers.of("Retry-After", "1"), SECONDARY_BODY, 0)).isEmpty();
        assertThat(wait(200, Headers.of("Retry-After", "1"), NO_BODY, 0)).isEmpty();
        assertThat(wait(429, Headers.empty(), NO_BODY, 0)).isEmpty();
    }

    @Test
    void oddHeaderValuesAreIgnoredWithoutFailing() {
        Headers h = Headers.of("Retry-After", "later", "x-ratelimit-remaining", "0", "x-ratelimit-reset", "soon");
        Headers huge = Headers.of("x-ratelimit-remaining", "0", "x-ratelimit-reset", "99999999999999999999999");

        assertThat(wait(429, h, NO_BODY, 0)).isEmpty();
        assertThat(wait(429, huge, NO_BODY, 0)).contains(new Wait(WaitDurations.CEILING, Source.RATE_LIMIT_RESET));
    }

    @Test
    void rateLimitedRecognisesGithubsForbiddenForms() {
        assertThat(RateLimits.isRateLimited(429, Headers.empty(), NO_BODY)).isTrue();
        assertThat(RateLimits.isRateLimited(403, Headers.of("x-ratelimit-remaining", "0"), NO_BODY)).isTrue();
        assertThat(RateLimits.isRateLimited(403, Headers.empty(), SECONDARY_BODY)).isTrue();
        assertThat(RateLimits.isRateLimited(403, Headers.empty(), NO_BODY)).isFalse();
        assertThat(RateLimits.isRateLimited(500, Headers.of("x-ratelimit-remaining", "0"), NO_BODY)).isFalse();
    }
}
