package io.cikit.examples.cli;

import io.cikit.core.result.ResultFormat;
import io.cikit.core.result.ResultFormatException;
import io.cikit.core.result.ResultParser;
import io.cikit.core.result.TestResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cikit results …}: test result files. */
@Command(name = "results", description = "Parse test result files (KTAP, TAP 13/14, JUnit XML).",
        subcommands = ResultsCommand.Parse.class)
final class ResultsCommand {

    /** {@code cikit results parse [--format auto|ktap|tap|junit] FILE}. Exit 1 when the file is not a valid result file. */
    @Command(name = "parse", description = "Parse a result file and print its results and summary as JSON.")
    static final class Parse implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--format", defaultValue = "auto", description = "auto (default), ktap, tap or junit.")
        String format;

        @Option(names = "--pretty", description = "Indent the JSON.")
        boolean pretty;

        @Parameters(index = "0", paramLabel = "FILE", description = "The result file.")
        Path file;

        @Override
        public Integer call() {
            ResultFormat resultFormat = ResultFormat.fromId(format).orElseThrow(() -> new CommandLine.ParameterException(
                    spec.commandLine(), "unknown --format '" + format + "': use auto, ktap, tap or junit"));
            if (!Files.isRegularFile(file)) {
                throw new UnreadableInputException("no such file: " + file);
            }
            TestResults results;
            try {
                results = ResultParser.of(resultFormat).parse(file);
            } catch (ResultFormatException e) {
                Map<String, Object> error = new LinkedHashMap<>();
                error.put("error", e.getMessage());
                error.put("format", format);
                JsonOut.print(spec.commandLine().getOut(), error, pretty);
                return CliErrors.INPUT_JUDGED_BAD;
            }
            JsonOut.print(spec.commandLine().getOut(), results.toJson(), pretty);
            return CliErrors.OK;
        }
    }
}
