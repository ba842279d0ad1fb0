package io.cikit.core.regression;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cikit.core.CiException;
import io.cikit.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One call per command line operation: {@code cikit changepoints} and {@code cikit regress}. Each returns the JSON
 * document the command prints (see {@code CLI.md}); serialise it with {@link Json#write}.
 *
 * <p>Input problems surface as {@link MalformedRecordException} (unreadable numbers or runs) or {@link CiException}
 * (unreadable files): the command's exit code 2. Stateless and thread-safe.
 */
public final class Regressions {

    private Regressions() {
    }

    /**
     * {@code cikit changepoints}: the change points of a series given as CSV (one value per line, or
     * {@code commit,value}) or a JSON array (of numbers, or of {@code {"commit","value"}} objects).
     *
     * @return {@code {"changePoints": [{"index", "meanBefore", "meanAfter", "changePercent", "pValue", "verdict"?,
     *         "lastGood"?, "firstBad"?}], "points", "elapsedMillis"}}; {@code verdict} only with a direction,
     *         {@code lastGood}/{@code firstBad} only when every point carried a commit
     * @throws MalformedRecordException if the input is not such a series
     */
    public static ObjectNode changePoints(byte[] input, ChangePointOptions options) {
        Objects.requireNonNull(input, "input");
        long start = System.nanoTime();
        List<MetricSample> series = SeriesText.parse(input);
        boolean commits = !series.isEmpty() && series.stream().noneMatch(s -> s.commitSha().isEmpty());
        ChangePointDetector detector = new ChangePointDetector(options);
        List<ChangePoint> points = commits ? detector.detect(series)
                : detector.detect(series.stream().mapToDouble(MetricSample::value).toArray());
        ObjectNode root = Json.mapper().createObjectNode();
        ArrayNode array = root.putArray("changePoints");
        for (ChangePoint p : points) {
            ObjectNode o = array.addObject();
            o.put("index", p.index());
            o.put("meanBefore", p.meanBefore());
            o.put("meanAfter", p.meanAfter());
            if (p.changePercent().isPresent()) {
                o.put("changePercent", p.changePercent().getAsDouble());
            } else {
                o.putNull("changePercent");
            }
            o.put("pValue", p.pValue());
            p.verdict().ifPresent(v -> o.put("verdict", v.word()));
            p.culprit().ifPresent(r -> {
                o.put("lastGood", r.lastGood().orElse(null));
                o.put("firstBad", r.firstBad());
            });
        }
        root.put("points", series.size());
        root.put("elapsedMillis", (System.nanoTime() - start) / 1_000_000);
        return root;
    }

    /**
     * {@code cikit regress --history FILE.jsonl --current FILE.json}: checks the current run(s) against a history
     * file, which is opened read-only (not locked, not repaired, not appended to). Render the result with
     * {@link RegressionReport#toJson()}; the command exits 1 when {@link RegressionReport#verdict()} is
     * {@link Verdict#REGRESSION}.
     *
     * @param current one run object or an array of runs, as {@link RunRecordJson}
     * @throws MalformedRecordException if the current runs are malformed
     * @throws CiException if a file cannot be read
     */
    public static RegressionReport regress(Path history, Path current, Thresholds thresholds) {
        List<RunRecord> runs = RunRecordJson.parseAll(read(current));
        try (JsonLinesResultHistory store = JsonLinesResultHistory.openReadOnly(history)) {
            return RegressionDetector.builder().thresholds(thresholds).build().check(store, runs);
        }
    }

    /** {@link #regress(Path, Path, Thresholds)} with {@link Thresholds#defaults()}. */
    public static RegressionReport regress(Path history, Path current) {
        return regress(history, current, Thresholds.defaults());
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CiException("cannot read " + file + ": " + e, e);
        }
    }
}
