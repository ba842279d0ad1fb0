package io.cikit.core.result.internal;

import io.cikit.core.result.Measurement;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the numbers a test line may carry in its diagnostic text, LAVA style: {@code measurement=12.5 units=ms}
 * (also {@code MEASUREMENT=}/{@code UNITS=}/{@code unit=}) and {@code duration_ms=123}.
 */
final class DiagnosticData {
    private static final Pattern MEASUREMENT = Pattern.compile("(?i)(?:^|[\\s,;])measurement\\s*[=:]\\s*([-+]?[0-9][0-9.eE+-]*)");
    private static final Pattern UNITS = Pattern.compile("(?i)(?:^|[\\s,;])units?\\s*[=:]\\s*([^\\s,;>]+)");
    private static final Pattern DURATION_MS = Pattern.compile("(?i)(?:^|[\\s,;])duration_ms\\s*[=:]\\s*([0-9][0-9.eE+]*)");

    private DiagnosticData() {
    }

    static Optional<Measurement> measurement(String name, String text) {
        if (text.length() < 12 || indexOfIgnoreCase(text, "measurement") < 0) {
            return Optional.empty();
        }
        Matcher m = MEASUREMENT.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        Optional<Double> v = number(m.group(1));
        if (v.isEmpty()) {
            return Optional.empty();
        }
        Matcher u = UNITS.matcher(text);
        return Optional.of(new Measurement(name, v.get(), u.find() ? u.group(1) : ""));
    }

    static Optional<Duration> durationMillis(String text) {
        if (text.length() < 12 || indexOfIgnoreCase(text, "duration_ms") < 0) {
            return Optional.empty();
        }
        Matcher m = DURATION_MS.matcher(text);
        return m.find() ? millis(m.group(1)) : Optional.empty();
    }

    static Optional<Duration> millis(String text) {
        return number(text).filter(d -> d >= 0 && d < 1e15).map(d -> Duration.ofNanos(Math.round(d * 1_000_000)));
    }

    static Optional<Duration> seconds(String text) {
        return number(text.replace(",", "")).filter(d -> d >= 0 && d < 1e12)
                .map(d -> Duration.ofNanos(Math.round(d * 1_000_000_000)));
    }

    static Optional<Double> number(String text) {
        String t = text.strip();
        if (t.isEmpty() || t.length() > 40) {
            return Optional.empty();
        }
        try {
            double d = Double.parseDouble(t);
            return Double.isFinite(d) ? Optional.of(d) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static int indexOfIgnoreCase(String s, String lowerNeedle) {
        int n = lowerNeedle.length();
        for (int i = 0; i + n <= s.length(); i++) {
            if (s.regionMatches(true, i, lowerNeedle, 0, n)) {
                return i;
            }
        }
        return -1;
    }
}
