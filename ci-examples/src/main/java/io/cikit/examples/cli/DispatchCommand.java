package io.cikit.examples.cli;

import io.cikit.core.CiException;
import io.cikit.core.dispatch.JobOutcome;
import io.cikit.core.dispatch.JobResult;
import io.cikit.core.dispatch.Lab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cikit dispatch run}: runs one job on a lab of boards (local command and QEMU runners). */
@Command(name = "dispatch", description = "Dispatch test jobs to boards.", subcommands = DispatchCommand.Run.class)
final class DispatchCommand {

    /** {@code cikit dispatch run --boards boards.json --job job.json} → the JobResult; exit 1 unless it completed cleanly. */
    @Command(name = "run", description = "Run one job on the lab's boards and print its result as JSON.")
    static final class Run implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--boards", required = true, paramLabel = "boards.json", description = "The lab: boards and their runners.")
        Path boards;

        @Option(names = "--job", required = true, paramLabel = "job.json")
        Path job;

        @Option(names = "--pretty", description = "Indent the JSON.")
        boolean pretty;

        @Override
        public Integer call() {
            for (Path p : new Path[] {boards, job}) {
                if (!Files.isRegularFile(p)) {
                    throw new UnreadableInputException("no such file: " + p);
                }
            }
            JobResult result;
            try {
                result = Lab.runOnce(boards, job);
            } catch (CiException e) {
                throw new UnreadableInputException(e.getMessage(), e);
            }
            JsonOut.print(spec.commandLine().getOut(), result.toJson(), pretty);
            return result.outcome() == JobOutcome.COMPLETE ? CliErrors.OK : CliErrors.INPUT_JUDGED_BAD;
        }
    }
}
