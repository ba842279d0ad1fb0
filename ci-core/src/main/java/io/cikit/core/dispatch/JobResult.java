package io.cikit.core.dispatch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cikit.core.json.Json;
import io.cikit.core.result.BootStage;
import io.cikit.core.result.LogIncident;
import io.cikit.core.result.Measurement;
import io.cikit.core.result.TestResult;
import io.cikit.core.result.TestSummary;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How a job ended: its outcome, the board of its last attempt, every attempt, the test results, console log and
 * incidents of the last attempt that ran, and its timings. {@link #toJson()} is what {@code cikit dispatch run} prints.
 *
 * @param jobId the job's id
 * @param name the job's name
 * @param outcome how it ended
 * @param reason why, for anything but {@link JobOutcome#COMPLETE}
 * @param board the board of the last attempt; empty when it never got one
 * @param attempts every attempt, in order
 * @param tests the last attempt's test results
 * @param consoleLog the last attempt's console log
 * @param incidents what the last attempt's console showed (panics, oopses, warnings, …)
 * @param lastStage how far the last attempt's boot got, when its console was analysed
 * @param submittedAt when it was submitted
 * @param startedAt when its first attempt started; empty when none did
 * @param finishedAt when it ended
 * @param healthCheck whether it was a health check the dispatcher ran on its own
 * @param origin where the kernel came from
 * @param details the last attempt's runner-specific facts
 */
public record JobResult(String jobId, String name, JobOutcome outcome, Optional<String> reason, Optional<Board> board,
        List<Attempt> attempts, List<TestResult> tests, Optional<Path> consoleLog, List<LogIncident> incidents,
        Optional<BootStage> lastStage, Instant submittedAt, Optional<Instant> startedAt, Instant finishedAt,
        boolean healthCheck, Optional<JobOrigin> origin, Map<String, String> details) {

    public JobResult {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(board, "board");
        Objects.requireNonNull(consoleLog, "consoleLog");
        Objects.requireNonNull(lastStage, "lastStage");
        Objects.requireNonNull(submittedAt, "submittedAt");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(origin, "origin");
        attempts = List.copyOf(attempts);
        tests = List.copyOf(tests);
        incidents = List.copyOf(incidents);
        details = Map.copyOf(details);
    }

    /** Counts of {@link #tests()} by status. */
    public TestSummary summary() {
        return TestSummary.of(tests);
    }

    /** From submission to the first start (or to the end, when it never started). */
    public Duration waitTime() {
        return Duration.between(submittedAt, startedAt.orElse(finishedAt));
    }

    /** From the first start to the end; zero when it never started. */
    public Duration runTime() {
        return startedAt.map(s -> Duration.between(s, finishedAt)).orElse(Duration.ZERO);
    }

    /**
     * The JSON {@code cikit dispatch run} prints: {@code {"jobId", "name", "outcome", "reason", "healthCheck",
     * "board": {"id", "type", "arch"}|null, "attempts": [{"number", "board", "boardType", "outcome", "reason",
     * "startedAt", "finishedAt", "runMillis", "outputDirectory", "consoleLog", "countedAgainstBoard"}], "results":
     * [{"path", "status", "durationMillis", "message", "measurements"}], "summary": {"total", "passed", "failed",
     * "skipped", "errors"}, "consoleLog", "incidents": [{"kind", "line", "summary", "fatal", "trace"}], "lastStage",
     * "submittedAt", "startedAt", "finishedAt", "waitMillis", "runMillis", "origin": {"repository", "commit",
     * "buildId"}|null, "details": {…}}}. Absent values are {@code null}; times are ISO-8601 instants. The
     * {@code results} and {@code incidents} entries have the shape {@code cikit results parse} and
     * {@code cikit log analyze} print.
     */
    public ObjectNode toJson() {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("jobId", jobId);
        root.put("name", name);
        root.put("outcome", outcome.name());
        putOptional(root, "reason", reason);
        root.put("healthCheck", healthCheck);
        if (board.isPresent()) {
            Board b = board.get();
            root.putObject("board").put("id", b.id()).put("type", b.type()).put("arch", b.arch());
        } else {
            root.putNull("board");
        }
        ArrayNode as = root.putArray("attempts");
        for (Attempt a : attempts) {
            ObjectNode o = as.addObject();
            o.put("number", a.number());
            o.put("board", a.boardId());
            o.put("boardType", a.boardType());
            o.put("outcome", a.outcome().name());
            putOptional(o, "reason", a.reason());
            o.put("startedAt", a.startedAt().toString());
            o.put("finishedAt", a.finishedAt().toString());
            o.put("runMillis", a.runTime().toMillis());
            o.put("outputDirectory", a.outputDirectory().toString());
            putOptional(o, "consoleLog", a.consoleLog().map(Path::toString));
            o.put("countedAgainstBoard", a.countedAgainstBoard());
        }
        ArrayNode rs = root.putArray("results");
        for (TestResult r : tests) {
            ObjectNode o = rs.addObject();
            o.put("path", r.path());
            o.put("status", r.status().name());
            if (r.duration().isPresent()) {
                o.put("durationMillis", r.duration().get().toMillis());
            } else {
                o.putNull("durationMillis");
            }
            putOptional(o, "message", r.message());
            ArrayNode ms = o.putArray("measurements");
            for (Measurement m : r.measurements()) {
                ms.addObject().put("name", m.name()).put("value", m.value()).put("unit", m.unit());
            }
        }
        TestSummary s = summary();
        root.putObject("summary").put("total", s.total()).put("passed", s.passed()).put("failed", s.failed())
                .put("skipped", s.skipped()).put("errors", s.errors());
        putOptional(root, "consoleLog", consoleLog.map(Path::toString));
        ArrayNode is = root.putArray("incidents");
        for (LogIncident i : incidents) {
            ObjectNode o = is.addObject();
            o.put("kind", i.kind().name());
            o.put("line", i.line());
            o.put("summary", i.summary());
            o.put("fatal", i.fatal());
            ArrayNode trace = o.putArray("trace");
            i.trace().forEach(trace::add);
        }
        putOptional(root, "lastStage", lastStage.map(BootStage::name));
        root.put("submittedAt", submittedAt.toString());
        putOptional(root, "startedAt", startedAt.map(Instant::toString));
        root.put("finishedAt", finishedAt.toString());
        root.put("waitMillis", waitTime().toMillis());
        root.put("runMillis", runTime().toMillis());
        if (origin.isPresent()) {
            ObjectNode o = root.putObject("origin");
            o.put("repository", origin.get().repository());
            o.put("commit", origin.get().commit());
            putOptional(o, "buildId", origin.get().buildId());
        } else {
            root.putNull("origin");
        }
        ObjectNode d = root.putObject("details");
        new TreeMap<>(details).forEach(d::put);
        return root;
    }

    private static void putOptional(ObjectNode node, String field, Optional<String> value) {
        if (value.isPresent()) {
            node.put(field, value.get());
        } else {
            node.putNull(field);
        }
    }
}
