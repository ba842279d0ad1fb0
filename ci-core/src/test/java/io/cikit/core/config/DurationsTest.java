package io.cikit.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void zeroIsRejectedNamingTheSettingAndValue() {
        assertThatThrownBy(() -> Durations.requirePositive("timeout", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout must be positive: PT0S");
    }

    @Test
    void negativeIsRejectedNamingTheSettingAndValue() {
        assertThatThrownBy(() -> Durations.requirePositive("queueTimeout", Duration.ofSeconds(-3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("queueTimeout must be positive: PT-3S");
    }

    @Test
    void theSmallestNegativeIsRejected() {
        assertThatThrownBy(() -> Durations.requirePositive("ttl", Duration.ofNanos(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ttl must be positive");
    }

    @Test
    void nullIsRejectedNamingTheSetting() {
        assertThatThrownBy(() -> Durations.requirePositive("openDuration", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("openDuration");
        assertThatThrownBy(() -> Durations.problemIfNotPositive("git timeout", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("git timeout");
    }

    @Test
    void aPositiveDurationIsReturnedAsTheSameInstance() {
        Duration oneNano = Duration.ofNanos(1);
        Duration longest = Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);

        assertThat(Durations.requirePositive("timeout", oneNano)).isSameAs(oneNano);
        assertThat(Durations.requirePositive("timeout", longest)).isSameAs(longest);
    }

    @Test
    void theProblemTextIsTheMessageRequirePositiveThrows() {
        assertThat(Durations.problemIfNotPositive("`cikit.jenkins.queue-timeout`", Duration.ZERO))
                .contains("`cikit.jenkins.queue-timeout` must be positive: PT0S");
        assertThat(Durations.problemIfNotPositive("timeout", Duration.ofMillis(1))).isEmpty();
    }

    @Property(tries = 500)
    void anyDurationIsAcceptedExactlyWhenItIsPositive(@ForAll("durations") Duration d) {
        boolean positive = d.compareTo(Duration.ZERO) > 0;
        if (positive) {
            assertThat(Durations.requirePositive("d", d)).isSameAs(d);
            assertThat(Durations.problemIfNotPositive("d", d)).isEmpty();
        } else {
            assertThatThrownBy(() -> Durations.requirePositive("d", d))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("d must be positive: " + d);
            assertThat(Durations.problemIfNotPositive("d", d)).contains("d must be positive: " + d);
        }
    }

    /** The whole range of {@link Duration}, with the edges around zero and the extremes made likely. */
    @Provide
    Arbitrary<Duration> durations() {
        Arbitrary<Duration> any = Arbitraries.longs().flatMap(seconds -> Arbitraries.integers()
                .between(0, 999_999_999).map(nanos -> Duration.ofSeconds(seconds, nanos)));
        Arbitrary<Duration> nearZero = Arbitraries.longs().between(-2_000_000_000L, 2_000_000_000L)
                .map(Duration::ofNanos);
        Arbitrary<Duration> edges = Arbitraries.of(Duration.ZERO, Duration.ofNanos(1), Duration.ofNanos(-1),
                Duration.ofSeconds(Long.MIN_VALUE), Duration.ofSeconds(Long.MAX_VALUE, 999_999_999));
        return Arbitraries.oneOf(any, nearZero, edges);
    }
}
