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

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Long> seconds() {
        return net.jqwik.api.Arbitraries.longs().between(0, 4_102_444_800L);
    }
}
