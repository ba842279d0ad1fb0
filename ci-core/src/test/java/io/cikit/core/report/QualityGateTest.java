package io.cikit.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cikit.core.regression.InMemoryResultHistory;
import io.cikit.core.regression.Outcome;
import io.cikit.core.regression.RegressionDetector;
import io.cikit.core.regression.RegressionReport;
import io.cikit.core.regression.RunContext;
import io.cikit.core.regression.RunRecord;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class QualityGateTest {

    private final RegressionReport fixture = ReportFixture.report();

    @Test
    void aNewFailureFailsTheDefaultGateNamingIt() {
        GateResult result = QualityGate.defaults().evaluate(fixture);

        assertThat(result.state()).isEqualTo(StatusState.FAILURE);
        assertThat(result.description()).isEqualTo("1 new failure on rpi4: ltp.sem01");
    }

    @Test
    void metricRegressionsFailOnlyBeyondTheLimit() {
        QualityGate lenient = QualityGate.builder().noNewFailures(false).maxMetricRegressionPercent(20).build();
        QualityGate strict = QualityGate.builder().noNewFailures(false).maxMetricRegressionPercent(10).build();

        assertThat(lenient.evaluate(fixture).state()).isEqualTo(StatusState.SUCCESS);
        assertThat(lenient.evaluate(fixture).description()).isEqualTo(ReportRenderer.statusDescription(fixture));
        GateResult failed = strict.evaluate(fixture);
        assertThat(failed.state()).isEqualTo(StatusState.FAILURE);
        assertThat(failed.reasons()).containsExactly("boot#time on rpi4 regressed +13.6% (limit 10%)");
    }

    @Test
    void thePassRateCountsOnlyTestsWithAVerdict() {
        // 6 passed, 2 failed: 75 %; skips and infra errors do not count
        assertThat(QualityGate.builder().noNewFailures(false).minPassRatePercent(75).build().evaluate(fixture).state())
                .isEqualTo(StatusState.SUCCESS);
        GateResult result = QualityGate.builder().minPassRatePercent(90).build().evaluate(fixture);
        assertThat(result.reasons()).containsExactly("1 new failure on rpi4: ltp.sem01", "pass rate 75.0% below 90%");
        assertThat(result.description()).isEqualTo("1 new failure on rpi4: ltp.sem01; pass rate 75.0% below 90%");
    }

    @Test
    void whenNoTestProducedAVerdictTheLabIsAtFault() {
        RunContext rpi4 = RunContext.builder().boardType("rpi4").build();
        RegressionDetector detector = RegressionDetector.builder().meterRegistry(new SimpleMeterRegistry()).build();
        RegressionReport infra = detector.check(new InMemoryResultHistory(),
                RunRecord.builder(rpi4, "a").test("t", Outcome.INFRA_ERROR).test("u", Outcome.SKIP).build());
        RegressionReport empty = detector.check(new InMemoryResultHistory(), List.of());

        assertThat(QualityGate.defaults().evaluate(infra).state()).isEqualTo(StatusState.ERROR);
        assertThat(QualityGate.defaults().evaluate(infra).description()).isEqualTo("no test produced a verdict (1 infra errors, 1 skipped)");
        assertThat(QualityGate.defaults().evaluate(empty).description()).isEqualTo("no test results");
    }

    @Test
    void flakyTestsNeverFailTheGate() {
        RunContext rpi4 = RunContext.builder().boardType("rpi4").build();
        InMemoryResultHistory history = new InMemoryResultHistory();
        for (Outcome o : List.of(Outcome.PASS, Outcome.FAIL, Outcome.PASS)) {
            history.append(RunRecord.builder(rpi4, "c" + history.size()).test("t", o).build());
        }
        RegressionReport report = RegressionDetector.builder().meterRegistry(new SimpleMeterRegistry()).build()
                .check(history, RunRecord.builder(rpi4, "now").test("t", Outcome.FAIL).build());

        assertThat(QualityGate.defaults().evaluate(report).state()).isEqualTo(StatusState.SUCCESS);
        assertThat(QualityGate.defaults().evaluate(report).description()).isEqualTo("0 passed, 1 failed, 1 flaky");
    }

    @Test
    void invalidLimitsAreRejected() {
        assertThatThrownBy(() -> QualityGate.builder().minPassRatePercent(101)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QualityGate.builder().maxMetricRegressionPercent(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReportOptions.builder().maxChars(10).build()).isInstanceOf(IllegalArgumentException.class);
    }
}
