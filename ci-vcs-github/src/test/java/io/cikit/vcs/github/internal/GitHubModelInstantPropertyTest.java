package io.cikit.vcs.github.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The hand-written timestamp reader agrees with {@link OffsetDateTime#parse} and never throws. */
class GitHubModelInstantPropertyTest {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    @Property(tries = 1000)
    void githubsShapesReadAsTheJdkReadsThem(@ForAll @LongRange(min = 0, max = 253_402_235_999L) long epochSecond,
                                            @ForAll @IntRange(min = -18 * 4, max = 18 * 4) int quarterHours) {
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(quarterHours * 900);
        String text = OffsetDateTime.ofInstant(Instant.ofEpochSecond(epochSecond), offset).format(SECONDS);

        assertThat(GitHubModel.plainInstant(text)).as(text).contains(Instant.ofEpochSecond(epochSecond));
        assertThat(GitHubModel.instant(text)).contains(Instant.ofEpochSecond(epochSecond));
    }

    @Property(tries = 1000)
    void anyTextGivesWhatTheJdkGivesOrNothing(@ForAll("nearlyTimestamps") String text) {
        Optional<Instant> jdk;
        try {
            jdk = Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            jdk = Optional.empty();
        }

        Optional<Instant> ours = GitHubModel.instant(text);

        assertThat(ours).as(text).isEqualTo(jdk);
    }

    @Test
    void fractionsAndOtherFormsFallBackToTheFullParser() {
        assertThat(GitHubModel.plainInstant("2019-05-15T15:20:30.123Z")).isEmpty();
        assertThat(GitHubModel.instant("2019-05-15T15:20:30.5Z")).contains(Instant.parse("2019-05-15T15:20:30.5Z"));
        assertThat(GitHubModel.instant("2019-02-30T00:00:00Z")).isEmpty();
        assertThat(GitHubModel.instant("2019-05-15T15:20:30-05:00")).contains(Instant.parse("2019-05-15T20:20:30Z"));
    }

    @Provide
    Arbitrary<String> nearlyTimestamps() {
        Arbitrary<Character> noise = Arbitraries.of('0', '1', '2', '5', '9', '-', '+', ':', 'T', 'Z', 'x', ' ', '٣');
        return Arbitraries.of("2019-05-15T15:20:30-05:00", "2019-05-15T20:20:30Z", "2024-02-29T23:59:59+14:00",
                        "2023-02-29T12:00:00Z", "0000-01-01T00:00:00Z", "2019-05-15T24:00:00Z", "2019-05-15T15:20:30+18:00")
                .flatMap(base -> Arbitraries.integers().between(0, base.length() - 1)
                        .flatMap(i -> noise.map(c -> base.substring(0, i) + c + base.substring(i + 1))))
                .injectDuplicates(0.0);
    }
}
