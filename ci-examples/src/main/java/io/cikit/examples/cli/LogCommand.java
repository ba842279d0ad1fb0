package io.cikit.examples.cli;

import io.cikit.core.result.ConsoleLogAnalyzer;
import io.cikit.core.result.IncidentKind;
import io.cikit.core.result.LogAnalysis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cikit log …}: kernel and bootloader console logs. */
@Command(name = "log", description = "Analyse kernel and bootloader console logs.", subcommands = LogCommand.Analyze.class)
final class LogCommand {

    /**
     * {@code cikit log analyze [--fail-on fatal|any|KIND,…] FILE}: incidents, boot stages and the last stage reached.
     * Exit 1 when {@code --fail-on} is given and a matching incident was found.
     */
    @Command(name = "analyze", description = "Find kernel incidents and boot stages in a console log; print them as JSON.")
    static final class Analyze implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--fail-on", split = ",", paramLabel = "fatal|any|KIND",
                description = "Exit 1 when an incident matches: fatal, any, or incident kinds (e.g. KASAN,OOPS).")
        List<String> failOn = List.of();

        @Option(names = "--pretty", description = "Indent the JSON.")
        boolean pretty;

        @Parameters(index = "0", paramLabel = "FILE", description = "The console log.")
        Path file;

        @Override
        public Integer call() {
            Set<String> kinds = failOn.stream().map(s -> s.trim().toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
            for (String k : kinds) {
                if (!k.equals("FATAL") && !k.equals("ANY") && java.util.Arrays.stream(IncidentKind.values()).noneMatch(v -> v.name().equals(k))) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "unknown --fail-on value '" + k + "'");
                }
            }
            if (!Files.isRegularFile(file)) {
                throw new UnreadableInputException("no such file: " + file);
            }
            LogAnalysis analysis = ConsoleLogAnalyzer.analyze(file);
            JsonOut.print(spec.commandLine().getOut(), analysis.toJson(), pretty);
            boolean failed = analysis.incidents().stream().anyMatch(i -> kinds.contains("ANY")
                    || (kinds.contains("FATAL") && i.fatal()) || kinds.contains(i.kind().name()));
            return failed ? CliErrors.INPUT_JUDGED_BAD : CliErrors.OK;
        }
    }
}
