package io.cikit.core.regression;

import java.util.Objects;

/**
 * Names one series in the history: a test's statuses ({@code metric} empty) or one of its measurements.
 *
 * @param context where the runs happened
 * @param test the test path ({@code ltp.syscalls.sem01}); may be empty for run-level metrics such as boot time
 * @param metric the measurement name, or the empty string for the test's pass/fail series
 */
public record SeriesKey(RunContext context, String test, String metric) {

    public SeriesKey {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(metric, "metric");
    }

    /** The pass/fail series of a test. */
    public static SeriesKey status(RunContext context, String test) {
        return new SeriesKey(context, test, "");
    }

    /** The series of one measurement of a test. */
    public static SeriesKey metric(RunContext context, String test, String metric) {
        return new SeriesKey(context, test, metric);
    }

    /** True for a pass/fail series. */
    public boolean isStatus() {
        return metric.isEmpty();
    }

    /** The test and metric as one name: {@code test#metric}, or just either part when the other is empty. */
    public String subject() {
        if (metric.isEmpty()) {
            return test;
        }
        return test.isEmpty() ? metric : test + "#" + metric;
    }

    /**
     * A stable one-line id, {@code repository|branch|board|arch|config|compiler|test[#metric]}, used as the
     * {@code key} in JSON output.
     */
    public String id() {
        return String.join("|", context.repository(), context.branch(), context.boardType(), context.arch(),
                context.kernelConfig(), context.compiler(), subject());
    }

    @Override
    public String toString() {
        return id();
    }
}
