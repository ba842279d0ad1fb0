package io.cikit.core.result;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cikit.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one result file held: its results in file order, and whether reading stopped at a {@link ResultLimits} bound.
 *
 * @param format the format the file was read as (never {@link ResultFormat#AUTO})
 * @param results the results, leaves of the test hierarchy; a suite appears on its own only when it failed or errored
 *     and none of its subtests says so (a crash between tests), or when it has no subtests
 * @param truncated true when a limit stopped reading before the end of the input
 */
public record TestResults(ResultFormat format, List<TestResult> results, boolean truncated) {

    public TestResults {
        Objects.requireNonNull(format, "format");
        if (format == ResultFormat.AUTO) {
            throw new IllegalArgumentException("results have a concrete format, not AUTO");
        }
        results = List.copyOf(results);
    }

    /** Counts by status. */
    public TestSummary summary() {
        return TestSummary.of(results);
    }

    /** The same results with {@code prefix.} put in front of every path ({@code kunit} → {@code kunit.example.t1}). */
    public TestResults withPathPrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isEmpty()) {
            return this;
        }
        List<TestResult> out = new ArrayList<>(results.size());
        for (TestResult r : results) {
            out.add(r.toBuilder().path(r.path().isEmpty() ? prefix : prefix + "." + r.path()).build());
        }
        return new TestResults(format, out, truncated);
    }

    /**
     * The JSON the {@code cikit results parse} command prints: {@code {"format", "results": [{"path", "status",
     * "durationMillis", "message", "measurements": [{"name", "value", "unit"}]}], "summary": {"total", "passed",
     * "failed", "skipped", "errors"}}}. {@code durationMillis} and {@code message} are {@code null} when absent.
     */
    public ObjectNode toJson() {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("format", format.id());
        ArrayNode list = root.putArray("results");
        for (TestResult r : results) {
            ObjectNode o = list.addObject();
            o.put("path", r.path());
            o.put("status", r.status().name());
            if (r.duration().isPresent()) {
                o.put("durationMillis", r.duration().get().toMillis());
            } else {
                o.putNull("durationMillis");
            }
            if (r.message().isPresent()) {
                o.put("message", r.message().get());
            } else {
                o.putNull("message");
            }
            ArrayNode ms = o.putArray("measurements");
            for (Measurement m : r.measurements()) {
                ObjectNode mo = ms.addObject();
                mo.put("name", m.name());
                mo.put("value", m.value());
                mo.put("unit", m.unit());
            }
        }
        TestSummary s = summary();
        ObjectNode so = root.putObject("summary");
        so.put("total", s.total());
        so.put("passed", s.passed());
        so.put("failed", s.failed());
        so.put("skipped", s.skipped());
        so.put("errors", s.errors());
        return root;
    }
}
