package io.cikit.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** How test counts become one status and a description that fits GitHub's 140 characters. */
class ResultStatusTest {

    @Test
    void anyFailureMakesTheStatusAFailureEvenWithErrors() {
        CommitStatus status = ResultStatus.of("cikit/rpi4", new TestCounts(40, 2, 1, 1, List.of("net/ping", "fs/ext4")),
                Optional.of(URI.create("https://lab.example/run/7")));

        assertThat(status.state()).isEqualTo(StatusState.FAILURE);
        assertThat(status.context()).isEqualTo("cikit/rpi4");
        assertThat(status.description()).contains("2 failed, 1 error, 40 passed, 1 skipped | net/ping, fs/ext4");
        assertThat(status.targetUrl()).contains(URI.create("https://lab.example/run/7"));
    }

    @Test
    void errorsWithoutFailuresAreAnError() {
        assertThat(ResultStatus.state(TestCounts.of(10, 0, 0, 3))).isEqualTo(StatusState.ERROR);
        assertThat(ResultStatus.description(TestCounts.of(10, 0, 0, 3))).isEqualTo("3 errors, 10 passed");
    }

    @Test
    void noResultsAtAllIsAnErrorNotASuccess() {
        assertThat(ResultStatus.state(TestCounts.of(0, 0, 0, 0))).isEqualTo(StatusState.ERROR);
        assertThat(ResultStatus.description(TestCounts.of(0, 0, 0, 0))).isEqualTo("no test results");
    }

    @Test
    void onlySkippedTestsStillSucceed() {
        assertThat(ResultStatus.state(TestCounts.of(0, 0, 5, 0))).isEqualTo(StatusState.SUCCESS);
        assertThat(ResultStatus.description(TestCounts.of(0, 0, 5, 0))).isEqualTo("0 passed, 5 skipped");
    }

    @Test
    void failingNamesThatDoNotFitAreCountedAsMore() {
        List<String> names = IntStream.range(0, 30).mapToObj(i -> "kselftest/net/test_case_" + i).toList();

        String description = ResultStatus.description(new TestCounts(100, 30, 0, 0, names));

        assertThat(description).hasSizeLessThanOrEqualTo(140)
                .startsWith("30 failed, 100 passed | kselftest/net/test_case_0, ")
                .containsPattern(", \\+\\d+ more$");
    }

    @Property(tries = 300)
    void theDescriptionAlwaysFits(@ForAll @IntRange(max = 1_000_000) int passed, @ForAll @IntRange(max = 1_000_000) int failed,
                                  @ForAll @IntRange(max = 1_000_000) int skipped, @ForAll @IntRange(max = 1_000_000) int errors,
                                  @ForAll @Size(max = 40) List<String> failing) {
        String description = ResultStatus.description(new TestCounts(passed, failed, skipped, errors, failing));

        assertThat(description.length()).isLessThanOrEqualTo(ResultStatus.MAX_DESCRIPTION);
        assertThat(description).doesNotContain("\n");
    }

    @Test
    void aSingleOverlongNameIsLeftOut() {
        String description = ResultStatus.description(new TestCounts(1, 1, 0, 0, Collections.nCopies(1, "x".repeat(500))));

        assertThat(description).isEqualTo("1 failed, 1 passed");
    }
}
