package io.cikit.examples.cli;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/** Turns usage and input errors into exit code 2, a JSON {@code {"error": …}} on stdout and a message on stderr. */
final class CliErrors {
    static final int OK = 0;
    static final int INPUT_JUDGED_BAD = 1;
    static final int USAGE = 2;

    private CliErrors() {
    }

    static int onUsageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("cikit: " + e.getMessage());
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
            cl.usage(err);
        }
        JsonOut.print(cl.getOut(), Map.of("error", e.getMessage()), false);
        return USAGE;
    }

    static int onExecutionError(Exception e, CommandLine cl, CommandLine.ParseResult parseResult) {
        String message = e instanceof UnreadableInputException ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
        cl.getErr().println("cikit: " + message);
        JsonOut.print(cl.getOut(), Map.of("error", message), false);
        return USAGE;
    }
}
