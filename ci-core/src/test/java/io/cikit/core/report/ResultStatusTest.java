package io.cikit.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.cikit.core.result.ResultFormat;
import io.cikit.core.result.TestResult;
import io.cikit.core.result.TestResults;
import io.cikit.core.result.TestStatus;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** How one run's results become one status and a description that fits GitHub's 140 characters. */
class ResultStatusTest {

    private static TestResults results(int passed, int failed, int skipped, int errors, List<String> failing) {
        List<TestResult> all = new ArrayList<>();
        failing.forEach(name -> all.add(TestResult.builder(name, TestStatus.FAIL).build()));
        IntStream.range(failing.size(), failed).forEach(i -> all.add(TestResult.builder("f" + i, TestStatus.FAIL).build()));
        IntStream.range(0, passed).forEach(i -> all.add(TestResult.builder("p" + i, TestStatus.PASS).build()));
        IntStream.range(0, skipped).forEach(i -> all.add(TestResult.builder("s" + i, TestStatus.SKIP).build()));
        IntStream.range(0, errors).forEach(i -> all.add(TestResult.builder("e" + i, TestStatus.ERROR).build()));
        return new TestResults(ResultFormat.KTAP, all, false);
    }

    @Test
    void anyFailureMakesTheStatusAFailureEvenWithErrorsAndNamesFailuresFirst() {
        List<TestResult> all = List.of(
                TestResult.builder("boot.crash", TestStatus.ERROR).build(),
                TestResult.builder("net/ping", TestStatus.FAIL).build(),
                TestResult.builder("fs/ext4", TestStatus.FAIL).build(),
                TestResult.builder("mm/ok", TestStatus.PASS).build(),
                TestResult.builder("gpu", TestStatus.SKIP).build());

        CommitStatus status = ResultStatus.of("cikit/rpi4", new TestResults(ResultFormat.KTAP, all, false),
                Optional.of(URI.create("https://lab.example/run/7")));

        assertThat(status.state()).isEqualTo(StatusState.FAILURE);
        assertThat(status.context()).isEqualTo("cikit/rpi4");
        assertThat(status.description()).contains("2 failed, 1 error, 1 passed, 1 skipped | net/ping, fs/ext4, boot.crash");
        assertThat(status.targetUrl()).contains(URI.create("https://lab.example/run/7"));
    }

    @Test
    void errorsWithoutFailuresAreAnError() {
        TestResults r = results(10, 0, 0, 3, List.of());

        assertThat(ResultStatus.state(r.summary())).isEqualTo(StatusState.ERROR);
        assertThat(ResultStatus.description(r)).isEqualTo("3 errors, 10 passed | e0, e1, e2");
    }

    @Test
    void noResultsAtAllIsAnErrorNotASuccess() {
        TestResults none = new TestResults(ResultFormat.JUNIT, List.of(), false);

        assertThat(ResultStatus.state(none.summary())).isEqualTo(StatusState.ERROR);
        assertThat(ResultStatus.description(none)).isEqualTo("no test results");
    }

    @Test
    void onlySkippedTestsStillSucceed() {
        TestResults r = results(0, 0, 5, 0, List.of());

        assertThat(ResultStatus.state(r.summary())).isEqualTo(StatusState.SUCCESS);
        assertThat(ResultStatus.description(r)).isEqualTo("0 passed, 5 skipped");
    }

    @Test
    void resultsCutShortSaySo() {
        TestResults cut = new TestResults(ResultFormat.TAP, List.of(TestResult.builder("a", TestStatus.PASS).build()), true);

        assertThat(ResultStatus.description(cut)).isEqualTo("1 passed (results cut short)");
    }

    @Test
    void failingNamesThatDoNotFitAreCountedAsMore() {
        List<String> names = IntStream.range(0, 30).mapToObj(i -> "kselftest/net/test_case_" + i).toList();

        String description = ResultStatus.description(results(100, 30, 0, 0, names));

        assertThat(description).hasSizeLessThanOrEqualTo(140)
                .startsWith("30 failed, 100 passed | kselftest/net/test_case_0, ")
                .containsPattern(", \\+\\d+ more$");
    }

    @Property(tries = 200)
    void theDescriptionAlwaysFits(@ForAll @IntRange(max = 2000) int passed, @ForAll @IntRange(max = 2000) int failed,
                                  @ForAll @IntRange(max = 2000) int skipped, @ForAll @IntRange(max = 2000) int errors,
                                  @ForAll @Size(max = 40) List<String> failing) {
        String description = ResultStatus.description(results(passed, Math.max(failed, failing.size()), skipped, errors, failing));

        assertThat(description.length()).isLessThanOrEqualTo(ResultStatus.MAX_DESCRIPTION);
        assertThat(description).doesNotContain("\n");
    }

    @Test
    void aSingleOverlongNameIsLeftOut() {
        String description = ResultStatus.description(results(1, 1, 0, 0, List.of("x".repeat(500))));

        assertThat(description).isEqualTo("1 failed, 1 passed");
    }
}
