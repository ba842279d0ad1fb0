package io.cikit.core.regression;

import static org.assertj.core.api.Assertions.assertThat;

import io.cikit.core.event.CommitInfo;
import io.cikit.core.report.GateResult;
import io.cikit.core.report.QualityGate;
import io.cikit.core.report.ReportOptions;
import io.cikit.core.report.ReportRenderer;
import io.cikit.core.report.StatusState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The code shown in docs/regression.md and docs/reports.md, compiled and run. */
class DocSnippetsTest {

    @TempDir
    Path dir;

    @Test
    void recordCheckAndReport() {
        CommitLog gitLog = (from, to) -> List.of(CommitInfo.of(to, "ipc/sem: reorder locking"));
        String url = "https://ci.example/reports/812";
        try (JsonLinesResultHistory history = JsonLinesResultHistory.open(dir.resolve("history.jsonl"))) {
            RunContext seeded = RunContext.builder().repository("acme/linux").branch("main").boardType("rpi4")
                    .arch("arm64").kernelConfig("defconfig").compiler("gcc-13").build();
            history.append(RunRecord.builder(seeded, "8d1e0a").test("ltp.sem01", Outcome.PASS).build());

            // tag::check[]
            RunContext rpi4 = RunContext.builder().repository("acme/linux").branch("main").boardType("rpi4")
                    .arch("arm64").kernelConfig("defconfig").compiler("gcc-13").build();
            RunRecord run = RunRecord.builder(rpi4, "9f2c1e").buildId("jenkins#812")
                    .test("ltp.sem01", Outcome.FAIL)
                    .test("ltp.sem02", Outcome.PASS)
                    .metric("boot", "time", 12.4, "s", Direction.LOWER_IS_BETTER)
                    .build();

            RegressionDetector detector = RegressionDetector.builder()
                    .thresholds(Thresholds.builder()
                            // significant AND at least 2 % (Perfherder-like) for boot metrics; Bencher's default elsewhere
                            .rule("boot#*", MetricRule.of(Threshold.predictionInterval(0.99), Threshold.percentage(2)))
                            .build())
                    .commitLog(gitLog)                       // optional: lists culprit candidates
                    .build();
            RegressionReport report = detector.check(history, run);
            history.append(run);                             // the history is only read by check()
            // end::check[]

            // tag::report[]
            String comment = ReportRenderer.markdown(report, ReportOptions.builder()
                    .maxChars(ReportOptions.GITHUB_COMMENT_LIMIT).fullReportUrl(url).build());
            String page = ReportRenderer.html(report, ReportOptions.DEFAULTS);
            GateResult gate = QualityGate.builder()
                    .minPassRatePercent(95)
                    .maxMetricRegressionPercent(10)
                    .build()
                    .evaluate(report);
            // gate.state() → FAILURE, gate.description() → "1 new failure on rpi4: ltp.sem01; pass rate 50.0% below 95%"
            // end::report[]

            assertThat(report.statusChanges(StatusChange.Kind.NEW_FAILURE)).hasSize(1);
            assertThat(comment).contains("new failure");
            assertThat(page).startsWith("<!DOCTYPE html>");
            assertThat(gate.state()).isEqualTo(StatusState.FAILURE);
            assertThat(gate.description()).isEqualTo("1 new failure on rpi4: ltp.sem01; pass rate 50.0% below 95%");
        }
    }

    @Test
    void changePoints() {
        double[] values = new double[60];
        for (int i = 0; i < values.length; i++) {
            values[i] = i < 40 ? 12.0 + (i % 3) * 0.1 : 13.5 + (i % 3) * 0.1;
        }
        // tag::changepoints[]
        ChangePointDetector detector = new ChangePointDetector(ChangePointOptions.builder()
                .direction(Direction.LOWER_IS_BETTER)        // label each point regression/improvement
                .build());
        List<ChangePoint> points = detector.detect(values); // or detect(List<MetricSample>) for commit ranges
        // points → [ChangePoint[index=40, meanBefore=12.1, meanAfter=13.6, changePercent=12.4…, verdict=REGRESSION, …]]
        // end::changepoints[]

        assertThat(points).extracting(ChangePoint::index).containsExactly(40);
        assertThat(points.get(0).verdict()).contains(Verdict.REGRESSION);
        assertThat(new ChangePointDetector(ChangePointOptions.DEFAULTS).detect(values)).hasSize(1);
        assertThat(ChangePointDetector.builder().meterRegistry(new SimpleMeterRegistry()).build().detect(values)).hasSize(1);
    }
}
