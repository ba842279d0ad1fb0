package io.cikit.examples.cli;

import io.cikit.core.CiException;
import io.cikit.core.regression.ChangePointOptions;
import io.cikit.core.regression.Direction;
import io.cikit.core.regression.MalformedRecordException;
import io.cikit.core.regression.RegressionReport;
import io.cikit.core.regression.Regressions;
import io.cikit.core.regression.Verdict;
import io.cikit.core.report.ReportFormat;
import io.cikit.core.report.ReportOptions;
import io.cikit.core.report.ReportRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cikit changepoints}, {@code cikit regress} and {@code cikit report render}: regression detection and reports. */
final class RegressionCommands {
    private RegressionCommands() {
    }

    private static void requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UnreadableInputException("no such file: " + file);
        }
    }

    /** Change points of a series; exit 1 when a change point is a regression in the given direction. */
    @Command(name = "changepoints", description = "Find change points in a series (CSV or JSON array); print them as JSON.")
    static final class ChangePoints implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--window", description = "Window size (default ${DEFAULT-VALUE}).", defaultValue = "50")
        int window;

        @Option(names = "--pvalue", description = "Significance level (default ${DEFAULT-VALUE}).", defaultValue = "0.001")
        double pValue;

        @Option(names = "--min-magnitude", description = "Smallest relative change reported, e.g. 0.02 (default 0).", defaultValue = "0")
        double minMagnitude;

        @Option(names = "--min-segment", description = "Fewest points on each side of a change (default: detector's).")
        Integer minSegment;

        @Option(names = "--direction", description = "higher or lower: which way is better; adds a verdict per change point.")
        String direction;

        @Option(names = "--pretty", description = "Indent the JSON.")
        boolean pretty;

        @Parameters(index = "0", paramLabel = "FILE", description = "CSV (one value per line, or commit,value) or a JSON array.")
        Path file;

        @Override
        public Integer call() throws Exception {
            ChangePointOptions.Builder options;
            try {
                options = ChangePointOptions.builder().window(window).pValue(pValue).minMagnitude(minMagnitude);
                if (minSegment != null) {
                    options.minSegment(minSegment);
                }
                if (direction != null) {
                    options.direction(Direction.parse(direction).orElseThrow(() -> new IllegalArgumentException(
                            "--direction must be higher or lower, not '" + direction + "'")));
                }
                requireFile(file);
                var result = Regressions.changePoints(Files.readAllBytes(file), options.build());
                JsonOut.print(spec.commandLine().getOut(), result, pretty);
                boolean regression = false;
                for (var point : result.path("changePoints")) {
                    regression |= point.path("verdict").asText().equals(Verdict.REGRESSION.word());
                }
                return regression ? CliErrors.INPUT_JUDGED_BAD : CliErrors.OK;
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            } catch (MalformedRecordException e) {
                throw new UnreadableInputException(e.getMessage(), e);
            }
        }
    }

    /** Status transitions and metric checks of a run against history; exit 1 on a regression. */
    @Command(name = "regress", description = "Compare a run with its history; print status and metric changes as JSON.")
    static final class Regress implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--history", required = true, paramLabel = "FILE.jsonl", description = "History: one run record per line.")
        Path history;

        @Option(names = "--current", required = true, paramLabel = "FILE.json", description = "The run to judge (a run record or an array of them).")
        Path current;

        @Option(names = "--pretty", description = "Indent the JSON.")
        boolean pretty;

        @Override
        public Integer call() {
            requireFile(history);
            requireFile(current);
            RegressionReport report;
            try {
                report = Regressions.regress(history, current);
            } catch (CiException e) {
                throw new UnreadableInputException(e.getMessage(), e);
            }
            JsonOut.print(spec.commandLine().getOut(), report.toJson(), pretty);
            return report.verdict() == Verdict.REGRESSION ? CliErrors.INPUT_JUDGED_BAD : CliErrors.OK;
        }
    }

    /** {@code cikit report …}. */
    @Command(name = "report", description = "Render regression reports.", subcommands = Render.class)
    static final class Report {
    }

    /** A Markdown (PR/MR comment) or self-contained HTML report, printed as is (not JSON). */
    @Command(name = "render", description = "Render a report of a run against its history as Markdown or HTML.")
    static final class Render implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--format", defaultValue = "markdown", description = "markdown (default) or html.")
        String format;

        @Option(names = "--history", required = true, paramLabel = "FILE.jsonl")
        Path history;

        @Option(names = "--current", required = true, paramLabel = "FILE.json")
        Path current;

        @Option(names = "--max-chars", description = "Cut the report to this size, with a link to the full report.")
        Integer maxChars;

        @Option(names = "--full-report-url", description = "Where the full report lives (linked when cut).")
        String fullReportUrl;

        @Option(names = "--title", description = "The report's title.")
        String title;

        @Override
        public Integer call() {
            ReportFormat reportFormat = ReportFormat.parse(format).orElseThrow(() -> new CommandLine.ParameterException(
                    spec.commandLine(), "--format must be markdown or html, not '" + format + "'"));
            requireFile(history);
            requireFile(current);
            ReportOptions.Builder options = ReportOptions.builder();
            if (maxChars != null) {
                options.maxChars(maxChars);
            }
            if (fullReportUrl != null) {
                options.fullReportUrl(fullReportUrl);
            }
            if (title != null) {
                options.title(title);
            }
            String rendered;
            try {
                rendered = ReportRenderer.render(history, current, reportFormat, options.build());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            } catch (CiException e) {
                throw new UnreadableInputException(e.getMessage(), e);
            }
            spec.commandLine().getOut().print(rendered);
            spec.commandLine().getOut().flush();
            return CliErrors.OK;
        }
    }
}
