package io.cikit.core.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.cikit.core.event.CommitInfo;
import io.cikit.core.regression.internal.StudentT;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RegressionDetectorTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RegressionDetector detector = RegressionDetector.builder().meterRegistry(registry).build();

    // --- pass/fail transitions ---

    @Test
    void passThenFailIsANewFailureNamingTheCulpritRange() {
        ResultHistory history = history(Runs.run(Runs.RPI4, 1, "ltp.sem01=PASS"), Runs.run(Runs.RPI4, 2, "ltp.sem01=PASS"));

        RegressionReport report = detector.check(history, Runs.run(Runs.RPI4, 3, "ltp.sem01=FAIL"));

        StatusChange change = only(report.statusChanges());
        assertThat(change.kind()).isEqualTo(StatusChange.Kind.NEW_FAILURE);
        assertThat(change.from()).contains(Outcome.PASS);
        assertThat(change.to()).contains(Outcome.FAIL);
        assertThat(change.range().orElseThrow().lastGood()).contains("c2");
        assertThat(change.range().orElseThrow().firstBad()).isEqualTo("c3");
        assertThat(report.verdict()).isEqualTo(Verdict.REGRESSION);
    }

    @Test
    void skipsAndInfraErrorsInBetweenAreTransparent() {
        ResultHistory history = history(Runs.run(Runs.RPI4, 1, "t=PASS"), Runs.run(Runs.RPI4, 2, "t=SKIP"),
                Runs.run(Runs.RPI4, 3, "t=INFRA_ERROR"));

        StatusChange change = only(detector.check(history, Runs.run(Runs.RPI4, 4, "t=FAIL")).statusChanges());

        assertThat(change.kind()).isEqualTo(StatusChange.Kind.NEW_FAILURE);
        assertThat(change.range().orElseThrow().lastGood()).contains("c1");
    }

    @Test
    void aSkipOrInfraErrorNowIsNeverAFailure() {
        ResultHistory history = history(Runs.run(Runs.RPI4, 1, "t=PASS", "u=PASS"));

        RegressionReport report = detector.check(history, Runs.run(Runs.RPI4, 2, "t=SKIP", "u=INFRA_ERROR"));

        assertThat(report.statusChanges()).isEmpty();
        assertThat(report.verdict()).isEqualTo(Verdict.UNCHANGED);
    }

    @Test
    void anErrorCountsAsAFailure() {
        ResultHistory history = history(Runs.run(Runs.RPI4, 1, "t=PASS", "u=FAIL"));

        RegressionReport report = detector.check(history, Runs.run(Runs.RPI4, 2, "t=ERROR", "u=ERROR"));

        assertThat(report.statusChanges()).extracting(StatusChange::kind)
                .containsExactly(StatusChange.Kind.NEW_FAILURE, StatusChange.Kind.STILL_FAILING);
    }

    @Test
    void failThenPassIsFixed() {
        ResultHistory history = history(Runs.run(Runs.RPI4, 1, "t=PASS"), Runs.run(Runs.RPI4, 2, "t=FAIL"));

        RegressionReport report = detector.check(history, Runs.run(Runs.RPI4, 3, "t=PASS"));

        assertThat(only(report.statusChanges()).kind()).isEqualTo(StatusChange.Kind.FIXED);
        assertThat(report.verdict()).isEqualTo(Verdict.IMPROVEMENT);
    }

    @Test
    void stillFailingSaysSinceWhen() {
        ResultHistory history = history(Runs.run(Runs.RPI4, 1, "t=PASS"), Runs.run(Runs.RPI4, 2, "t=PASS"),
                Runs.run(Runs.RPI4, 3, "t=FAIL"), Runs.run(Runs.RPI4, 4, "t=SKIP"), Runs.run(Runs.RPI4, 5, "t=FAIL"));

        StatusChange change = only(detector.check(history, Runs.run(Runs.RPI4, 6, "t=FAIL")).statusChanges());

        assertThat(change.kind()).isEqualTo(StatusChange.Kind.STILL_FAILING);
        assertThat(change.range().orElseThrow().lastGood()).contains("c2");
        assertThat(change.range().orElseThrow().firstBad()).isEqualTo("c3");
    }

    @Test
    void alwaysFailingHasNoLastGoodCommit() {
        ResultHistory history = history(Runs.run(Runs.RPI4, 1, "t=FAIL"), Runs.run(Runs.RPI4, 2, "t=FAIL"));

        StatusChange change = only(detector.check(history, Runs.run(Runs.RPI4, 3, "t=FAIL")).statusChanges());

        assertThat(change.range().orElseThrow().lastGood()).isEmpty();
        assertThat(change.range().orElseThrow().firstBad()).isEqualTo("c1");
    }

    @Test
    void twoFlipsAmongTheRecentVerdictsMakeATestFlaky() {
        ResultHistory history = history(Runs.run(Runs.RPI4, 1, "t=PASS", "u=PASS"), Runs.run(Runs.RPI4, 2, "t=FAIL", "u=PASS"),
                Runs.run(Runs.RPI4, 3, "t=PASS", "u=PASS"));

        RegressionReport report = detector.check(history, Runs.run(Runs.RPI4, 4, "t=FAIL", "u=PASS"));

        StatusChange change = only(report.statusChanges());
        assertThat(change.kind()).isEqualTo(StatusChange.Kind.FLAKY);
        assertThat(change.flips()).isEqualTo(3);
        // a flaky failure is not a regression
        assertThat(report.verdict()).isEqualTo(Verdict.UNCHANGED);
    }

    @Test
    void aFixAfterOneFailureEpisodeIsFixedButAfterEarlierFlipsIsFlaky() {
        ResultHistory once = history(Runs.run(Runs.RPI4, 1, "t=PASS"), Runs.run(Runs.RPI4, 2, "t=FAIL"),
                Runs.run(Runs.RPI4, 3, "t=FAIL"));
        ResultHistory flipping = history(Runs.run(Runs.RPI4, 1, "t=FAIL"), Runs.run(Runs.RPI4, 2, "t=PASS"),
                Runs.run(Runs.RPI4, 3, "t=FAIL"));

        assertThat(only(detector.check(once, Runs.run(Runs.RPI4, 4, "t=PASS")).statusChanges()).kind())
                .isEqualTo(StatusChange.Kind.FIXED);
        assertThat(only(detector.check(flipping, Runs.run(Runs.RPI4, 4, "t=PASS")).statusChanges()).kind())
                .isEqualTo(StatusChange.Kind.FLAKY);
    }

    @Test
    void aTestPassingAsBeforeIsNotReportedWhateverItsPastFlips() {
        ResultHistory history = history(Runs.run(Runs.RPI4, 1, "t=PASS"), Runs.run(Runs.RPI4, 2, "t=FAIL"),
                Runs.run(Runs.RPI4, 3, "t=PASS"));

        assertThat(detector.check(history, Runs.run(Runs.RPI4, 4, "t=PASS")).statusChanges()).isEmpty();
    }

    @Test
    void flipsOlderThanTheFlakyWindowAreForgotten() {
        ResultHistory history = history(Runs.run(Runs.RPI4, 1, "t=PASS"), Runs.run(Runs.RPI4, 2, "t=FAIL"),
                Runs.run(Runs.RPI4, 3, "t=PASS"), Runs.run(Runs.RPI4, 4, "t=PASS"), Runs.run(Runs.RPI4, 5, "t=PASS"));
        RegressionDetector narrow = RegressionDetector.builder().flakyWindow(4).meterRegistry(registry).build();

        assertThat(only(narrow.check(history, Runs.run(Runs.RPI4, 6, "t=FAIL")).statusChanges()).kind())
                .isEqualTo(StatusChange.Kind.NEW_FAILURE);
        assertThat(only(detector.check(history, Runs.run(Runs.RPI4, 6, "t=FAIL")).statusChanges()).kind())
                .isEqualTo(StatusChange.Kind.FLAKY);
        assertThatThrownBy(() -> RegressionDetector.builder().flakyWindow(2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void newAndMissingTestsAreReported() {
        ResultHistory history = history(Runs.run(Runs.RPI4, 1, "old=PASS", "skipped=SKIP"));

        RegressionReport report = detector.check(history, Runs.run(Runs.RPI4, 2, "new=FAIL", "skipped=FAIL"));

        assertThat(report.statusChanges()).extracting(c -> c.kind() + " " + c.key().test())
                .containsExactly("NEW_TEST new", "NEW_TEST skipped", "MISSING old");
        assertThat(report.statusChanges(StatusChange.Kind.NEW_TEST).get(1).from()).contains(Outcome.SKIP);
        assertThat(report.statusChanges(StatusChange.Kind.MISSING).get(0).to()).isEmpty();
        assertThat(report.verdict()).isEqualTo(Verdict.UNCHANGED);
    }

    @Test
    void eachBoardIsComparedWithItsOwnHistory() {
        ResultHistory history = history(Runs.run(Runs.RPI4, 1, "t=PASS"), Runs.run(Runs.QEMU, 1, "t=FAIL"));

        RegressionReport report = detector.check(history,
                List.of(Runs.run(Runs.RPI4, 2, "t=FAIL"), Runs.run(Runs.QEMU, 2, "t=PASS")));

        assertThat(report.statusChanges()).extracting(c -> c.key().context().boardType() + " " + c.kind())
                .containsExactly("rpi4 NEW_FAILURE", "qemu-x86_64 FIXED");
        assertThat(report.summariesByBoard()).containsOnlyKeys("rpi4", "qemu-x86_64");
        assertThat(report.total().verdicts()).isEqualTo(2);
    }

    @Test
    void theCommitLogListsCulpritCandidates() {
        CommitLog log = (from, to) -> List.of(CommitInfo.of("m1", "mm: tweak"), CommitInfo.of(to, "ipc: sem fix"));
        RegressionDetector withLog = RegressionDetector.builder().commitLog(log).meterRegistry(registry).build();

        StatusChange change = only(withLog.check(history(Runs.run(Runs.RPI4, 1, "t=PASS")), Runs.run(Runs.RPI4, 2, "t=FAIL"))
                .statusChanges());

        assertThat(change.range().orElseThrow().candidates()).extracting(CommitInfo::sha).containsExactly("m1", "c2");
    }

    // --- metrics ---

    @Test
    void aValueOutsideTheStudentTPredictionIntervalIsARegressionInTheBadDirection() {
        ResultHistory history = noisyBootTimes(20);

        MetricChange slower = metric(detector.check(history, Runs.timed(Runs.RPI4, 100, 110)));
        MetricChange faster = metric(detector.check(history, Runs.timed(Runs.RPI4, 100, 90)));
        MetricChange same = metric(detector.check(history, Runs.timed(Runs.RPI4, 100, 100.5)));

        assertThat(slower.verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(slower.pValue().getAsDouble()).isLessThan(1e-6);
        assertThat(slower.culprit().orElseThrow().lastGood()).contains("c20");
        assertThat(slower.culprit().orElseThrow().firstBad()).isEqualTo("c100");
        assertThat(slower.flaggedBy()).containsExactly("outside 99% t-interval");
        assertThat(faster.verdict()).isEqualTo(Verdict.IMPROVEMENT);
        assertThat(same.verdict()).isEqualTo(Verdict.UNCHANGED);
        assertThat(same.culprit()).isEmpty();
        assertThat(same.baseline().count()).isEqualTo(20);
        assertThat(same.history()).hasSize(20);
    }

    @Test
    void thePredictionIntervalBoundaryIsTheStudentTQuantile() {
        double[] values = {10, 12, 11, 13, 9, 11, 12, 10};
        InMemoryResultHistory history = new InMemoryResultHistory();
        for (int i = 0; i < values.length; i++) {
            history.append(Runs.timed(Runs.RPI4, i, values[i]));
        }
        Baseline b = Baseline.of(values);
        double limit = b.mean() + StudentT.quantile(0.99, values.length - 1) * b.stdDev() * Math.sqrt(1 + 1.0 / values.length);

        MetricChange inside = metric(detector.check(history, Runs.timed(Runs.RPI4, 50, limit - 1e-6)));
        MetricChange outside = metric(detector.check(history, Runs.timed(Runs.RPI4, 50, limit + 1e-6)));

        assertThat(inside.verdict()).isEqualTo(Verdict.UNCHANGED);
        assertThat(outside.verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(outside.pValue().getAsDouble()).isCloseTo(0.01, within(1e-6));
    }

    @Test
    void higherIsBetterMetricsRegressWhenTheyDrop() {
        InMemoryResultHistory history = new InMemoryResultHistory();
        for (int i = 0; i < 10; i++) {
            history.append(RunRecord.builder(Runs.RPI4, "c" + i).metric("net", "throughput", 100 + i % 3, "MB/s",
                    Direction.HIGHER_IS_BETTER).build());
        }
        RunRecord now = RunRecord.builder(Runs.RPI4, "c10").metric("net", "throughput", 80, "MB/s", Direction.HIGHER_IS_BETTER).build();

        MetricChange change = metric(detector.check(history, now));

        assertThat(change.verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(change.changePercent().getAsDouble()).isCloseTo(-20.8, within(0.1));
    }

    @Test
    void percentageAbsoluteAndZScoreChecksFlagAsConfigured() {
        ResultHistory history = noisyBootTimes(30);
        RunRecord now = Runs.timed(Runs.RPI4, 100, 104);

        assertThat(verdictWith(MetricRule.of(Threshold.percentage(3)), history, now)).isEqualTo(Verdict.REGRESSION);
        assertThat(verdictWith(MetricRule.of(Threshold.percentage(5)), history, now)).isEqualTo(Verdict.UNCHANGED);
        assertThat(verdictWith(MetricRule.of(Threshold.absolute(3.5)), history, now)).isEqualTo(Verdict.REGRESSION);
        assertThat(verdictWith(MetricRule.of(Threshold.absolute(4.5)), history, now)).isEqualTo(Verdict.UNCHANGED);
        assertThat(verdictWith(MetricRule.of(Threshold.zScore(3)), history, now)).isEqualTo(Verdict.REGRESSION);
        assertThat(verdictWith(MetricRule.of(Threshold.zScore(5)), history, now)).isEqualTo(Verdict.UNCHANGED);
    }

    @Test
    void everyCheckOfARuleMustFlag() {
        ResultHistory history = noisyBootTimes(30);
        MetricRule significantAndLarge = MetricRule.of(Threshold.predictionInterval(0.99), Threshold.percentage(8));

        assertThat(verdictWith(significantAndLarge, history, Runs.timed(Runs.RPI4, 100, 105))).isEqualTo(Verdict.UNCHANGED);
        assertThat(verdictWith(significantAndLarge, history, Runs.timed(Runs.RPI4, 100, 110))).isEqualTo(Verdict.REGRESSION);
    }

    @Test
    void tooLittleHistoryLeavesAMetricUnchanged() {
        ResultHistory history = history(Runs.timed(Runs.RPI4, 1, 10));

        MetricChange change = metric(detector.check(history, Runs.timed(Runs.RPI4, 2, 50)));

        assertThat(change.verdict()).isEqualTo(Verdict.UNCHANGED);
        assertThat(change.pValue()).isEmpty();
        assertThat(change.changePercent()).hasValue(400.0);
        assertThat(metric(detector.check(new InMemoryResultHistory(), Runs.timed(Runs.RPI4, 2, 50))).baseline())
                .isEqualTo(Baseline.EMPTY);
    }

    @Test
    void anyChangeFromASpreadFreeBaselineIsSignificant() {
        ResultHistory history = history(Runs.timed(Runs.RPI4, 1, 7), Runs.timed(Runs.RPI4, 2, 7), Runs.timed(Runs.RPI4, 3, 7));

        assertThat(metric(detector.check(history, Runs.timed(Runs.RPI4, 4, 8))).verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(metric(detector.check(history, Runs.timed(Runs.RPI4, 4, 7))).verdict()).isEqualTo(Verdict.UNCHANGED);
    }

    @Test
    void rulesAreChosenByGlobFirstMatchFirst() {
        Thresholds thresholds = Thresholds.builder()
                .rule("boot#*", MetricRule.of(Threshold.percentage(50)))
                .rule("*#time", MetricRule.of(Threshold.percentage(1)))
                .defaultRule(MetricRule.of(Threshold.zScore(5)).withWindow(10))
                .build();

        assertThat(thresholds.ruleFor("boot", "time").checks()).containsExactly(Threshold.percentage(50));
        assertThat(thresholds.ruleFor("net", "time").checks()).containsExactly(Threshold.percentage(1));
        assertThat(thresholds.ruleFor("", "size").window()).isEqualTo(10);
        assertThat(Thresholds.matches("a?c*", "abcdef")).isTrue();
        assertThat(Thresholds.matches("a?c*", "acdef")).isFalse();
        assertThat(Thresholds.matches("*", "")).isTrue();
    }

    @Test
    void invalidRulesAreRejected() {
        assertThatThrownBy(() -> MetricRule.of()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Threshold.percentage(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Threshold.predictionInterval(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MetricRule.of(Threshold.zScore(5)).withMinSamples(100)).isInstanceOf(IllegalArgumentException.class);
    }

    // --- report and counters ---

    @Test
    void theJsonDocumentHasTheCommandLineShape() {
        ResultHistory history = noisyBootTimes(20);
        history.append(Runs.run(Runs.RPI4, 21, "ltp.sem01=PASS"));
        RunRecord now = RunRecord.builder(Runs.RPI4, "c22").test("ltp.sem01", Outcome.FAIL).test("boot", Outcome.PASS)
                .metric("boot", "time", 120, "s", Direction.LOWER_IS_BETTER).build();

        JsonNode json = detector.check(history, now).toJson();

        assertThat(json.get("verdict").asText()).isEqualTo("regression");
        JsonNode status = json.get("statusChanges").get(0);
        assertThat(status.get("key").asText()).isEqualTo("acme/linux|main|rpi4|arm64|defconfig|gcc-13|ltp.sem01");
        assertThat(status.get("from").asText()).isEqualTo("PASS");
        assertThat(status.get("to").asText()).isEqualTo("FAIL");
        assertThat(status.get("kind").asText()).isEqualTo("NEW_FAILURE");
        assertThat(status.get("range").get("lastGood").asText()).isEqualTo("c21");
        JsonNode metric = json.get("metricChanges").get(0);
        assertThat(metric.get("key").asText()).endsWith("|boot#time");
        assertThat(metric.get("baseline").asDouble()).isCloseTo(100, within(1.0));
        assertThat(metric.get("current").asDouble()).isEqualTo(120.0);
        assertThat(metric.get("changePercent").asDouble()).isCloseTo(20, within(1.0));
        assertThat(metric.get("pValue").isNumber()).isTrue();
        assertThat(metric.get("verdict").asText()).isEqualTo("regression");
        assertThat(json.get("summary").get("newFailures").asInt()).isEqualTo(1);
        assertThat(json.get("summary").get("missing").asInt()).isZero();
    }

    @Test
    void checksAreCounted() {
        detector.check(history(Runs.run(Runs.RPI4, 1, "t=PASS")), Runs.run(Runs.RPI4, 2, "t=FAIL"));

        assertThat(registry.get("cikit.regression.checks").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("cikit.regression.status.changes").tag("kind", "NEW_FAILURE").counter().count()).isEqualTo(1.0);
    }

    private Verdict verdictWith(MetricRule rule, ResultHistory history, RunRecord now) {
        RegressionDetector d = RegressionDetector.builder().thresholds(Thresholds.builder().defaultRule(rule).build())
                .meterRegistry(registry).build();
        return metric(d.check(history, now)).verdict();
    }

    /** Boot times of 100 s with 1 s noise (fixed seed), commits c1..cN. */
    private static ResultHistory noisyBootTimes(int n) {
        SplittableRandom random = new SplittableRandom(42);
        InMemoryResultHistory history = new InMemoryResultHistory();
        for (int i = 1; i <= n; i++) {
            history.append(Runs.timed(Runs.RPI4, i, 100 + GeneratedSeries.gaussian(random)));
        }
        return history;
    }

    private static ResultHistory history(RunRecord... runs) {
        InMemoryResultHistory history = new InMemoryResultHistory();
        for (RunRecord r : runs) {
            history.append(r);
        }
        return history;
    }

    private static MetricChange metric(RegressionReport report) {
        assertThat(report.metricChanges()).hasSize(1);
        return report.metricChanges().get(0);
    }

    private static StatusChange only(List<StatusChange> changes) {
        assertThat(changes).hasSize(1);
        return changes.get(0);
    }
}
