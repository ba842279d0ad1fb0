package io.cikit.core.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    private static final Instant NOW = Instant.parse("1994-11-06T08:49:30Z");

    @Test
    void readsDeltaSeconds() {
        assertThat(RetryAfter.parse("120", NOW)).contains(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse(" 0 ", NOW)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("007", NOW)).contains(Duration.ofSeconds(7));
    }

    @Test
    void readsAllThreeHttpDateForms() {
        Duration seven = Duration.ofSeconds(7);
        assertThat(RetryAfter.parse("Sun, 06 Nov 1994 08:49:37 GMT", NOW)).contains(seven);
        assertThat(RetryAfter.parse("Sunday, 06-Nov-94 08:49:37 GMT", NOW)).contains(seven);
        assertThat(RetryAfter.parse("Sun Nov  6 08:49:37 1994", NOW)).contains(seven);
    }

    @Test
    void aDateInThePastMeansNoWait() {
        assertThat(RetryAfter.parse("Sun, 06 Nov 1994 08:00:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @Test
    void hugeValuesSaturateInsteadOfOverflowing() {
        assertThat(RetryAfter.parse("99999999999999999999999999", NOW)).contains(WaitDurations.CEILING);
        assertThat(RetryAfter.parse("9223372036854775807", NOW)).contains(WaitDurations.CEILING);
    }

    @Test
    void anythingElseIsNoAdvice() {
        assertThat(RetryAfter.parse("", NOW)).isEmpty();
        assertThat(RetryAfter.parse("-5", NOW)).isEmpty();
        assertThat(RetryAfter.parse("1.5", NOW)).isEmpty();
        assertThat(RetryAfter.parse("+3", NOW)).isEmpty();
        assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
        assertThat(RetryAfter.parse("Sun, 32 Nov 1994 08:49:37 GMT", NOW)).isEmpty();
        assertThat(RetryAfter.parse("١٢٣", NOW)).isEmpty();
        assertThat(RetryAfter.parse("1".repeat(100), NOW)).isEmpty();
    }
}
