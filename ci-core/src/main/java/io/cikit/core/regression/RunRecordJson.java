package io.cikit.core.regression;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import io.cikit.core.json.Json;
import java.io.IOException;
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

    // bound by Json's limits; the fast double parser rounds exactly like Double.parseDouble
    private static final ObjectReader READER =
            Json.mapper().readerFor(RunRecordJson.class).with(StreamReadFeature.USE_FAST_DOUBLE_PARSER);
    private static final ObjectReader ARRAY_READER =
            Json.mapper().readerFor(RunRecordJson[].class).with(StreamReadFeature.USE_FAST_DOUBLE_PARSER);

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
        return parse(json, 0, json.length);
    }

    /** Reads one run from {@code length} bytes of {@code buffer} starting at {@code offset}. */
    static RunRecord parse(byte[] buffer, int offset, int length) {
        if (firstSignificant(buffer, offset, length) != '{') {
            throw new MalformedRecordException("expected a JSON object describing a run");
        }
        RunRecordJson json;
        try {
            json = READER.readValue(buffer, offset, length);
        } catch (IOException | RuntimeException e) {
            throw new MalformedRecordException("unreadable run record: " + describe(e), e);
        }
        return toRecord(json);
    }

    /**
     * Reads one run (a JSON object) or several (a JSON array of objects).
     *
     * @throws MalformedRecordException for anything else, or if any element is malformed
     */
    public static List<RunRecord> parseAll(byte[] json) {
        int first = firstSignificant(json, 0, json.length);
        if (first == '{') {
            return List.of(parse(json));
        }
        if (first != '[') {
            throw new MalformedRecordException("expected a run object or an array of runs");
        }
        RunRecordJson[] array;
        try {
            array = ARRAY_READER.readValue(json);
        } catch (IOException | RuntimeException e) {
            throw new MalformedRecordException("unreadable run records: " + describe(e), e);
        }
        List<RunRecord> runs = new ArrayList<>(array.length);
        for (int i = 0; i < array.length; i++) {
            try {
                runs.add(toRecord(array[i]));
            } catch (MalformedRecordException e) {
                throw new MalformedRecordException("element " + i + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(runs);
    }

    private static RunRecord toRecord(RunRecordJson json) {
        if (json == null) {
            throw new MalformedRecordException("run record is null");
        }
        try {
            return json.toRecord();
        } catch (IllegalArgumentException e) {
            throw new MalformedRecordException("invalid run record: " + e.getMessage(), e);
        }
    }

    /** The first byte that is not whitespace or a byte-order mark, or −1. */
    private static int firstSignificant(byte[] buffer, int offset, int length) {
        int i = offset;
        int end = offset + length;
        if (end - i >= 3 && (buffer[i] & 0xff) == 0xEF && (buffer[i + 1] & 0xff) == 0xBB && (buffer[i + 2] & 0xff) == 0xBF) {
            i += 3;
        }
        for (; i < end; i++) {
            byte b = buffer[i];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return b;
            }
        }
        return -1;
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

    /** Jackson's complaint, naming the field ({@code metrics[0].value}) when it is about one. */
    private static String describe(Exception e) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference r : m.getPath()) {
                if (r.getFieldName() != null) {
                    path.append(path.length() > 0 ? "." : "").append(r.getFieldName());
                } else if (r.getIndex() >= 0) {
                    path.append('[').append(r.getIndex()).append(']');
                }
            }
            return "field \"" + path + "\" has the wrong type: " + firstLine(m.getOriginalMessage());
        }
        return firstLine(e.getMessage());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
