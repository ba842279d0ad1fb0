package io.cikit.core.dispatch;

import io.cikit.core.result.LogAnalysis;
import io.cikit.core.result.TestResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one run produced: how it ended, why, its test results, its console log and what the log showed.
 *
 * @param outcome how it ended
 * @param reason a one-line explanation for anything but a clean pass ({@code exit code 3}, {@code kernel panic})
 * @param tests test results in the order found; runners that boot add a {@code boot} result
 * @param consoleLog the captured console log, when there is one
 * @param console the analysis of the whole console (incidents, boot stages), when there is one
 * @param details runner-specific facts for reports ({@code exitCode}, {@code command})
 */
public record RunReport(RunOutcome outcome, Optional<String> reason, List<TestResult> tests, Optional<Path> consoleLog,
        Optional<LogAnalysis> console, Map<String, String> details) {

    public RunReport {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(consoleLog, "consoleLog");
        Objects.requireNonNull(console, "console");
        tests = List.copyOf(tests);
        details = Map.copyOf(details);
    }

    public static Builder builder(RunOutcome outcome) {
        return new Builder(outcome);
    }

    /** A run that ended with no results, for the given reason. */
    public static RunReport of(RunOutcome outcome, String reason) {
        return builder(outcome).reason(reason).build();
    }

    /** Builds a {@link RunReport}. Not thread-safe. */
    public static final class Builder {
        private RunOutcome outcome;
        private Optional<String> reason = Optional.empty();
        private final List<TestResult> tests = new ArrayList<>();
        private Optional<Path> consoleLog = Optional.empty();
        private Optional<LogAnalysis> console = Optional.empty();
        private final Map<String, String> details = new LinkedHashMap<>();

        private Builder(RunOutcome outcome) {
            this.outcome = Objects.requireNonNull(outcome, "outcome");
        }

        public Builder outcome(RunOutcome v) {
            this.outcome = Objects.requireNonNull(v, "outcome");
            return this;
        }

        public Builder reason(String v) {
            this.reason = Optional.of(v).filter(s -> !s.isBlank());
            return this;
        }

        public Builder test(TestResult v) {
            this.tests.add(Objects.requireNonNull(v, "test"));
            return this;
        }

        public Builder tests(List<TestResult> v) {
            v.forEach(this::test);
            return this;
        }

        public Builder consoleLog(Path v) {
            this.consoleLog = Optional.of(v);
            return this;
        }

        public Builder console(LogAnalysis v) {
            this.console = Optional.of(v);
            return this;
        }

        public Builder detail(String key, String value) {
            this.details.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public RunReport build() {
            return new RunReport(outcome, reason, tests, consoleLog, console, details);
        }
    }
}
