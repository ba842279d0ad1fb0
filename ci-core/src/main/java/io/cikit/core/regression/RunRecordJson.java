package io.cikit.core.regression;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.cikit.core.json.Json;
import io.cikit.core.json.MalformedJsonException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON form of a {@link RunRecord}: one line of a history file and the {@code --current} input of
 * {@code cikit regress}. A plain Jackson-bindable record, so hosts can produce it with their own mapper.
 *
 * <pre>{@code
 * {"v":1,"repository":"acme/linux","branch":"main","boardType":"rpi4","arch":"arm64",
 *  "kernelConfig":"defconfig","compiler":"gcc-13","commit":"9f2c…","commitTime":"2026-01-05T10:00:00Z",
 *  "buildId":"jenkins#812","tests":{"ltp.sem01":"PASS","ltp.sem02":"FAIL"},
 *  "metrics":[{"test":"boot","name":"time","value":12.4,"unit":"s","direction":"lower"}]}
 * }</pre>
 *
 * <p>Every field but {@code commit} may be left out; absent strings read as empty, absent collections as empty.
 * Unknown fields are ignored. Status words are read by {@link Outcome#parse} (unknown words become
 * {@code UNKNOWN}); {@code direction} is {@code higher} or {@code lower} (absent or unrecognised: {@code lower}).
 * {@code commitTime} is ISO-8601 ({@code 2026-01-05T10:00:00Z}, offsets allowed) or epoch milliseconds.
 *
 * @param v format version, 1
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record RunRecordJson(int v, String repository, String branch, String boardType, String arch,
        String kernelConfig, String compiler, String commit, String commitTime, String buildId,
        Map<String, String> tests, List<Metric> metrics) {

    /** The format version this code writes. */
    public static final int VERSION = 1;

    /** Normalises absent (null) fields from Jackson to empty values. */
    public RunRecordJson {
        repository = orEmpty(repository);
        branch = orEmpty(branch);
        boardType = orEmpty(boardType);
        arch = orEmpty(arch);
        kernelConfig = orEmpty(kernelConfig);
        compiler = orEmpty(compiler);
        commit = orEmpty(commit);
        commitTime = orEmpty(commitTime);
        buildId = orEmpty(buildId);
        tests = tests == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tests));
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
    }

    /**
     * One measurement.
     *
     * @param value required; a JSON number
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Metric(String test, String name, @JsonInclude(JsonInclude.Include.NON_NULL) Double value,
            String unit, String direction) {
        public Metric {
            test = orEmpty(test);
            name = orEmpty(name);
            unit = orEmpty(unit);
            direction = orEmpty(direction);
        }
    }

    /** The JSON form of a run. */
    public static RunRecordJson from(RunRecord run) {
        Map<String, String> tests = new LinkedHashMap<>();
        run.tests().forEach(t -> tests.put(t.test(), t.outcome().name()));
        List<Metric> metrics = new ArrayList<>(run.metrics().size());
        for (MetricPoint m : run.metrics()) {
            metrics.add(new Metric(m.test(), m.name(), m.value(), m.unit(), m.direction().word()));
        }
        RunContext c = run.context();
        return new RunRecordJson(VERSION, c.repository(), c.branch(), c.boardType(), c.arch(), c.kernelConfig(),
                c.compiler(), run.commitSha(), run.commitTime().map(Instant::toString).orElse(""), run.buildId(), tests,
                metrics);
    }

    /**
     * The run this JSON describes.
     *
     * @throws MalformedRecordException when {@code commit} is missing, a metric lacks a name or value, or a value or
     *         time cannot be read
     */
    public RunRecord toRecord() {
        if (commit.isBlank()) {
            throw new MalformedRecordException("run record without \"commit\"");
        }
        RunContext context = new RunContext(repository, branch, boardType, arch, kernelConfig, compiler);
        RunRecord.Builder b = RunRecord.builder(context, commit).buildId(buildId);
        parseTime(commitTime).ifPresent(b::commitTime);
        tests.forEach((test, status) -> b.test(test, Outcome.parse(status == null ? "" : status)));
        for (Metric m : metrics) {
            if (m == null) {
                throw new MalformedRecordException("null entry in \"metrics\"");
            }
            if (m.name().isEmpty()) {
                throw new MalformedRecordException("metric of test '" + m.test() + "' without \"name\"");
            }
            Double value = m.value();
            if (value == null || !Double.isFinite(value)) {
                throw new MalformedRecordException("metric " + m.test() + "#" + m.name() + " without a finite \"value\"");
            }
            b.metric(m.test(), m.name(), value, m.unit(),
                    Direction.parse(m.direction()).orElse(Direction.LOWER_IS_BETTER));
        }
        return b.build();
    }

    /** One run as a compact single line of JSON (no line break). */
    public static byte[] toLine(RunRecord run) {
        return Json.write(from(run));
    }

    /**
     * Reads one run from a JSON object.
     *
     * @throws MalformedRecordException for anything but one well-formed run object
     */
    public static RunRecord parse(byte[] json) {
        JsonNode node = readTree(json);
        if (!node.isObject()) {
            throw new MalformedRecordException("expected a JSON object describing a run, found " + node.getNodeType());
        }
        return fromTree(node);
    }

    /**
     * Reads one run (a JSON object) or several (a JSON array of objects).
     *
     * @throws MalformedRecordException for anything else, or if any element is malformed
     */
    public static List<RunRecord> parseAll(byte[] json) {
        JsonNode node = readTree(json);
        if (node.isObject()) {
            return List.of(fromTree(node));
        }
        if (!node.isArray()) {
            throw new MalformedRecordException("expected a run object or an array of runs, found " + node.getNodeType());
        }
        List<RunRecord> runs = new ArrayList<>(node.size());
        int i = 0;
        for (JsonNode element : node) {
            if (!element.isObject()) {
                throw new MalformedRecordException("element " + i + " of the run array is not an object");
            }
            try {
                runs.add(fromTree(element));
            } catch (MalformedRecordException e) {
                throw new MalformedRecordException("element " + i + ": " + e.getMessage(), e);
            }
            i++;
        }
        return List.copyOf(runs);
    }

    static RunRecord fromTree(JsonNode node) {
        RunRecordJson json;
        try {
            json = Json.mapper().treeToValue(node, RunRecordJson.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedRecordException("run record has a field of the wrong type: " + firstLine(e.getMessage()), e);
        }
        if (json == null) {
            throw new MalformedRecordException("run record is null");
        }
        try {
            return json.toRecord();
        } catch (IllegalArgumentException e) {
            throw new MalformedRecordException("invalid run record: " + e.getMessage(), e);
        }
    }

    private static JsonNode readTree(byte[] json) {
        try {
            return Json.read(json);
        } catch (MalformedJsonException e) {
            throw new MalformedRecordException(e.getMessage(), e);
        }
    }

    private static Optional<Instant> parseTime(String text) {
        if (text.isBlank()) {
            return Optional.empty();
        }
        try {
            if (text.chars().allMatch(Character::isDigit)) {
                return Optional.of(Instant.ofEpochMilli(Long.parseLong(text)));
            }
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeException | NumberFormatException e) {
            throw new MalformedRecordException("unreadable \"commitTime\": " + text, e);
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
