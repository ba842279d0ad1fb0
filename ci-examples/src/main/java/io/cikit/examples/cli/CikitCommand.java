package io.cikit.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code cikit} command line: every capability of the library, for operators and scripts. Machine output is
 * JSON on stdout, human messages go to stderr; exit codes follow ../docs/cli.md (0 fine, 1 input judged bad,
 * 2 usage error or unreadable input).
 */
@Command(name = "cikit",
        mixinStandardHelpOptions = true,
        versionProvider = ModuleInventory.VersionProvider.class,
        description = "Connects version control and CI systems to hardware test labs.",
        subcommands = {VersionCommand.class, WebhookCommand.class, ResultsCommand.class, LogCommand.class,
                RegressionCommands.ChangePoints.class, RegressionCommands.Regress.class, RegressionCommands.Report.class,
                GitHubCommand.class, GitLabCommand.class, NotifyCommand.class, ArtifactCommand.class, DispatchCommand.class,
                BuildCommand.class})
public final class CikitCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (for tests and embedding). */
    public static int run(String... args) {
        return newCommandLine().execute(args);
    }

    /** Runs with the given output streams (tests capture stdout and stderr this way). */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cl = newCommandLine();
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new CikitCommand());
        // "@file" is ours to interpret (secrets), not an argument file
        cl.setExpandAtFiles(false);
        cl.setParameterExceptionHandler(CliErrors::onUsageError);
        cl.setExecutionExceptionHandler(CliErrors::onExecutionError);
        return cl;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }
}
