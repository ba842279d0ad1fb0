package io.cikit.core.regression;

import com.fasterxml.jackson.databind.JsonNode;
import io.cikit.core.json.Json;
import io.cikit.core.json.MalformedJsonException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a numeric series from text: a JSON array (of numbers, or of {@code {"commit": …, "value": …}} objects) or
 * CSV with one value per line (optionally {@code commit,value}; a non-numeric first line is a header; blank lines and
 * {@code #} comments are skipped). Commits, when every point has one, let change points name culprit ranges.
 */
final class SeriesText {

    private SeriesText() {
    }

    /** @throws MalformedRecordException naming the line or element that is not a finite number */
    static List<MetricSample> parse(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8).strip();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return text.startsWith("[") ? json(input) : csv(text);
    }

    private static List<MetricSample> json(byte[] input) {
        JsonNode root;
        try {
            root = Json.read(input);
        } catch (MalformedJsonException e) {
            throw new MalformedRecordException(e.getMessage(), e);
        }
        List<MetricSample> out = new ArrayList<>(root.size());
        int i = 0;
        for (JsonNode e : root) {
            JsonNode value = e.isObject() ? e.path("value") : e;
            if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
                throw new MalformedRecordException("element " + i + " is not a finite number: " + abbreviate(e.toString()));
            }
            String commit = e.isObject() ? Json.text(e, "commit").orElse("") : "";
            out.add(MetricSample.of(commit, value.asDouble()));
            checkSize(++i);
        }
        return out;
    }

    private static List<MetricSample> csv(String text) {
        List<MetricSample> out = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        boolean first = true;
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int comma = line.lastIndexOf(',');
            String field = (comma < 0 ? line : line.substring(comma + 1)).strip();
            String commit = comma < 0 ? "" : unquote(line.substring(0, line.indexOf(',')).strip());
            double value;
            try {
                value = Double.parseDouble(unquote(field));
            } catch (NumberFormatException e) {
                if (first) {
                    first = false;
                    continue;
                }
                throw new MalformedRecordException("line " + (n + 1) + " is not a number: " + abbreviate(line));
            }
            first = false;
            if (!Double.isFinite(value)) {
                throw new MalformedRecordException("line " + (n + 1) + " is not a finite number: " + abbreviate(line));
            }
            out.add(MetricSample.of(commit, value));
            checkSize(out.size());
        }
        return out;
    }

    private static void checkSize(int n) {
        if (n > ChangePointDetector.MAX_POINTS) {
            throw new MalformedRecordException("series longer than " + ChangePointDetector.MAX_POINTS + " points");
        }
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
