package io.cikit.vcs.gitlab.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GitLabTimestampsTest {

    @ParameterizedTest
    @CsvSource({
            "2016-08-12 15:23:28 UTC, 2016-08-12T15:23:28Z",
            "2021-02-23T02:41:37.886Z, 2021-02-23T02:41:37.886Z",
            "2021-02-23T02:41:37Z, 2021-02-23T02:41:37Z",
            "2011-12-12T14:27:31+02:00, 2011-12-12T12:27:31Z",
            "2013-12-03T17:23:34-05:00, 2013-12-03T22:23:34Z",
            "2021-04-28 21:50:00 +0200, 2021-04-28T19:50:00Z",
            "2019-06-05T14:32:20.211, 2019-06-05T14:32:20.211Z"})
    void everyStyleGitLabWritesIsRead(String text, String expected) {
        assertThat(GitLabTimestamps.parse(text)).contains(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "2015-04-08T21: 00:25-07:00", "2016-13-12 15:23:28 UTC", "2025-06-30",
            "2016-08-12 15:23:28 CEST", "12345678901234567890"})
    void anythingElseIsAbsent(String text) {
        assertThat(GitLabTimestamps.parse(text)).isEmpty();
    }

    @Property(tries = 500)
    void neverThrows(@ForAll String text) {
        assertThat(GitLabTimestamps.parse(text)).isNotNull();
    }

    @Property(tries = 300)
    void bothStylesOfTheSameSecondAgree(@ForAll("seconds") long epochSecond) {
        Instant instant = Instant.ofEpochSecond(epochSecond);
        String iso = instant.toString();
        String spaced = iso.replace('T', ' ').replace("Z", " UTC");

        assertThat(GitLabTimestamps.parse(iso)).contains(instant);
        assertThat(GitLabTimestamps.parse(spaced)).contains(instant);
    }

    @Property(tries = 1000)
    void theFixedLayoutReaderAgreesWithJavaTime(@ForAll("seconds") long epochSecond, @ForAll("nanos") int nanos,
            @ForAll("offsets") int offsetMinutes, @ForAll("styles") String style) {
        java.time.ZoneOffset offset = java.time.ZoneOffset.ofTotalSeconds(offsetMinutes * 60);
        java.time.OffsetDateTime time = Instant.ofEpochSecond(epochSecond, nanos).atOffset(offset);
        String text = java.time.format.DateTimeFormatter.ofPattern(style, java.util.Locale.ROOT).format(time);

        assertThat(GitLabTimestamps.fixedLayout(text)).as(text).isEqualTo(GitLabTimestamps.general(text).orElse(null));
        assertThat(GitLabTimestamps.parse(text)).as(text).isPresent();
    }

    @Property(tries = 1000)
    void theFixedLayoutReaderNeverAcceptsWhatJavaTimeRefuses(@ForAll("nearlyTimestamps") String text) {
        Instant fast = GitLabTimestamps.fixedLayout(text);

        if (fast != null) {
            assertThat(GitLabTimestamps.general(text)).as(text).contains(fast);
        }
    }

    /**
     * Timestamps in GitLab's layouts with every field drawn from around its valid range (hour 24, minute 60, day 31 of
     * short months, offsets past 18 hours, leap days): whatever the fast reader answers, the result is java.time's.
     */
    @Property(tries = 1000)
    void readingOutOfRangeFieldsAnswersAsJavaTimeDoes(@ForAll("fieldwiseTimestamps") String text) {
        Instant fast = GitLabTimestamps.fixedLayout(text);

        assertThat(GitLabTimestamps.parse(text)).as(text).isEqualTo(GitLabTimestamps.general(text));
        if (fast != null) {
            assertThat(GitLabTimestamps.general(text)).as(text).contains(fast);
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> fieldwiseTimestamps() {
        net.jqwik.api.Arbitrary<String> year = net.jqwik.api.Arbitraries.of("0000", "1970", "2000", "2023", "2024", "2100", "9999");
        net.jqwik.api.Arbitrary<String> month = twoDigits(0, 13);
        net.jqwik.api.Arbitrary<String> day = twoDigits(0, 32);
        net.jqwik.api.Arbitrary<String> hour = twoDigits(0, 25);
        net.jqwik.api.Arbitrary<String> minute = twoDigits(0, 61);
        net.jqwik.api.Arbitrary<String> fraction = net.jqwik.api.Arbitraries.of("", ".0", ".886", ".123456789", ".1234567891");
        net.jqwik.api.Arbitrary<String> sign = net.jqwik.api.Arbitraries.of("+", "-");
        net.jqwik.api.Arbitrary<String> offsetHours = twoDigits(0, 19);
        net.jqwik.api.Arbitrary<String> offsetMinutes = net.jqwik.api.Arbitraries.of("00", "30", "45", "59", "60");
        net.jqwik.api.Arbitrary<String> zone = net.jqwik.api.Combinators.combine(sign, offsetHours, offsetMinutes,
                net.jqwik.api.Arbitraries.integers().between(0, 3))
                .as((s, h, m, style) -> switch (style) {
                    case 0 -> "Z";
                    case 1 -> s + h + ":" + m;
                    case 2 -> " UTC";
                    default -> " " + s + h + m;
                });
        return net.jqwik.api.Combinators.combine(year, month, day, hour, minute, minute, fraction, zone)
                .as((y, mo, d, h, mi, se, f, z) -> y + "-" + mo + "-" + d + (z.startsWith(" ") ? " " : "T") + h + ":" + mi
                        + ":" + se + f + z);
    }

    private static net.jqwik.api.Arbitrary<String> twoDigits(int min, int max) {
        return net.jqwik.api.Arbitraries.integers().between(min, max).map(i -> String.format(java.util.Locale.ROOT, "%02d", i));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Long> seconds() {
        return net.jqwik.api.Arbitraries.longs().between(0, 4_102_444_800L);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Integer> nanos() {
        return net.jqwik.api.Arbitraries.of(0, 1_000_000, 886_000_000, 123_456_789, 500);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Integer> offsets() {
        return net.jqwik.api.Arbitraries.integers().between(-18 * 60, 18 * 60);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> styles() {
        return net.jqwik.api.Arbitraries.of("uuuu-MM-dd'T'HH:mm:ssXXX", "uuuu-MM-dd'T'HH:mm:ss.SSSXXX",
                "uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSSxxx", "uuuu-MM-dd HH:mm:ss Z", "uuuu-MM-dd HH:mm:ss.SSS Z", "uuuu-MM-dd HH:mm:ss 'UTC'");
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> nearlyTimestamps() {
        return net.jqwik.api.Arbitraries.strings().withChars("0123456789-:T .Z+UTC").ofMinLength(19).ofMaxLength(32)
                .map(s -> s.length() > 19 ? "20" + s.substring(2, 4) + "-" + s.substring(5) : s);
    }
}
