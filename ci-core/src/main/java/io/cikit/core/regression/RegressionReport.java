package io.cikit.core.regression;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cikit.core.event.CommitInfo;
import io.cikit.core.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The outcome of a {@link RegressionDetector#check}: the runs checked, every status change, every metric judged,
 * and the overall verdict — regression if any test newly fails or any metric regressed; else improvement if
 * anything was fixed or improved; else unchanged. Flaky, still-failing, new and missing tests do not move the
 * verdict (reports still list them).
 *
 * @param metricChanges one entry per metric of the checked runs, changed or not
 */
public record RegressionReport(List<RunRecord> runs, List<StatusChange> statusChanges, List<MetricChange> metricChanges,
        Verdict verdict) {

    public RegressionReport {
        runs = List.copyOf(runs);
        statusChanges = List.copyOf(statusChanges);
        metricChanges = List.copyOf(metricChanges);
        Objects.requireNonNull(verdict, "verdict");
    }

    /** A report over the given findings, with the verdict derived from them. */
    public static RegressionReport of(List<RunRecord> runs, List<StatusChange> statusChanges, List<MetricChange> metricChanges) {
        boolean regression = statusChanges.stream().anyMatch(c -> c.kind() == StatusChange.Kind.NEW_FAILURE)
                || metricChanges.stream().anyMatch(m -> m.verdict() == Verdict.REGRESSION);
        boolean improvement = statusChanges.stream().anyMatch(c -> c.kind() == StatusChange.Kind.FIXED)
                || metricChanges.stream().anyMatch(m -> m.verdict() == Verdict.IMPROVEMENT);
        Verdict verdict = regression ? Verdict.REGRESSION : improvement ? Verdict.IMPROVEMENT : Verdict.UNCHANGED;
        return new RegressionReport(runs, statusChanges, metricChanges, verdict);
    }

    /** Status changes of one kind, in report order. */
    public List<StatusChange> statusChanges(StatusChange.Kind kind) {
        return statusChanges.stream().filter(c -> c.kind() == kind).toList();
    }

    /** Metrics judged a regression or an improvement. */
    public List<MetricChange> changedMetrics() {
        return metricChanges.stream().filter(MetricChange::changed).toList();
    }

    /** Outcome counts per board type, in the order the runs came (runs on the same board type are added up). */
    public Map<String, RunSummary> summariesByBoard() {
        Map<String, RunSummary> out = new LinkedHashMap<>();
        for (RunRecord run : runs) {
            out.merge(run.context().boardType(), RunSummary.of(run), RunSummary::plus);
        }
        return out;
    }

    /** Outcome counts over all runs. */
    public RunSummary total() {
        RunSummary sum = new RunSummary(RunContext.builder().build(), 0, 0, 0, 0, 0, 0);
        for (RunRecord run : runs) {
            sum = sum.plus(RunSummary.of(run));
        }
        return sum;
    }

    /**
     * The report as the {@code cikit regress} JSON document: {@code statusChanges}, {@code metricChanges} (only the
     * metrics judged changed), {@code verdict} ({@code regression|improvement|unchanged}), and {@code summary}.
     */
    public ObjectNode toJson() {
        ObjectNode root = Json.mapper().createObjectNode();
        ArrayNode status = root.putArray("statusChanges");
        for (StatusChange c : statusChanges) {
            ObjectNode o = status.addObject();
            o.put("key", c.key().id());
            o.put("test", c.key().test());
            o.put("board", c.key().context().boardType());
            o.put("from", c.from().map(Enum::name).orElse(null));
            o.put("to", c.to().map(Enum::name).orElse(null));
            o.put("kind", c.kind().name());
            o.put("flips", c.flips());
            c.range().ifPresent(r -> o.set("range", range(r)));
        }
        ArrayNode metrics = root.putArray("metricChanges");
        for (MetricChange m : changedMetrics()) {
            ObjectNode o = metrics.addObject();
            o.put("key", m.key().id());
            o.put("test", m.key().test());
            o.put("metric", m.key().metric());
            o.put("board", m.key().context().boardType());
            o.put("unit", m.unit());
            o.put("direction", m.direction().word());
            if (m.baseline().count() > 0) {
                o.put("baseline", m.baseline().mean());
            } else {
                o.putNull("baseline");
            }
            ObjectNode stats = o.putObject("baselineStats");
            stats.put("count", m.baseline().count());
            stats.put("mean", m.baseline().mean());
            stats.put("stdDev", m.baseline().stdDev());
            stats.put("min", m.baseline().min());
            stats.put("max", m.baseline().max());
            o.put("current", m.current());
            putOptional(o, "changePercent", m.changePercent());
            putOptional(o, "pValue", m.pValue());
            o.put("verdict", m.verdict().word());
            ArrayNode by = o.putArray("flaggedBy");
            m.flaggedBy().forEach(by::add);
            m.culprit().ifPresent(r -> o.set("culprit", range(r)));
        }
        root.put("metricsChecked", metricChanges.size());
        root.put("verdict", verdict.word());
        RunSummary total = total();
        ObjectNode summary = root.putObject("summary");
        summary.put("passed", total.passed());
        summary.put("failed", total.failed());
        summary.put("errors", total.errors());
        summary.put("skipped", total.skipped());
        summary.put("infraErrors", total.infraErrors());
        for (StatusChange.Kind kind : StatusChange.Kind.values()) {
            summary.put(summaryField(kind), statusChanges(kind).size());
        }
        summary.put("metricRegressions", metricChanges.stream().filter(m -> m.verdict() == Verdict.REGRESSION).count());
        summary.put("metricImprovements", metricChanges.stream().filter(m -> m.verdict() == Verdict.IMPROVEMENT).count());
        return root;
    }

    private static ObjectNode range(CommitRange r) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("lastGood", r.lastGood().orElse(null));
        o.put("firstBad", r.firstBad());
        ArrayNode candidates = o.putArray("candidates");
        for (CommitInfo c : r.candidates()) {
            candidates.addObject().put("sha", c.sha()).put("message", c.message());
        }
        return o;
    }

    private static void putOptional(ObjectNode o, String field, OptionalDouble value) {
        if (value.isPresent()) {
            o.put(field, value.getAsDouble());
        } else {
            o.putNull(field);
        }
    }

    /** The summary field counting one kind of status change. */
    private static String summaryField(StatusChange.Kind kind) {
        return switch (kind) {
            case NEW_FAILURE -> "newFailures";
            case FIXED -> "fixed";
            case FLAKY -> "flaky";
            case STILL_FAILING -> "stillFailing";
            case NEW_TEST -> "newTests";
            case MISSING -> "missing";
        };
    }
}
