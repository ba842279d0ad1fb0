package io.cikit.core.dispatch;

import io.cikit.core.config.ConfigurationException;
import io.cikit.core.dispatch.internal.ConsoleCapture;
import io.cikit.core.dispatch.internal.ConsoleProcess;
import io.cikit.core.dispatch.internal.JobEnvironment;
import io.cikit.core.dispatch.internal.ResultFiles;
import io.cikit.core.json.Json;
import io.cikit.core.result.ConsoleLogAnalyzer;
import io.cikit.core.result.LogIncident;
import io.cikit.core.result.TestResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a lab's own command for each attempt (typically a script that flashes a board, boots it over its serial
 * console and runs the tests), and turns what it leaves behind into a {@link RunReport}.
 *
 * <p><b>Input.</b> The command is an argument list chosen by board type (or the default one), run without a shell
 * in the attempt's output directory with the job in {@code CIKIT_*} environment variables: {@code CIKIT_JOB_ID},
 * {@code CIKIT_JOB_NAME}, {@code CIKIT_ATTEMPT}, {@code CIKIT_BOARD}, {@code CIKIT_BOARD_TYPE},
 * {@code CIKIT_BOARD_ARCH}, {@code CIKIT_BOARD_TAGS}, {@code CIKIT_KERNEL_IMAGE}, {@code CIKIT_DTB},
 * {@code CIKIT_MODULES}, {@code CIKIT_ROOTFS}, {@code CIKIT_BSP_PACKAGE} (local paths for {@code file:} artifacts,
 * else URIs; absent ones unset), {@code CIKIT_OUTPUT_DIR}, {@code CIKIT_TIMEOUT_SECONDS}, {@code CIKIT_DEADLINE},
 * {@code CIKIT_SUITES} (comma-separated), {@code CIKIT_COMMANDS} (one per line), {@code CIKIT_REPOSITORY},
 * {@code CIKIT_COMMIT}, {@code CIKIT_BUILD_ID}, {@code CIKIT_LEASE}, {@code CIKIT_BOARD_ATTR_<NAME>},
 * {@code CIKIT_PARAM_<NAME>}, and {@code CIKIT_JOB_FILE}, the whole job as JSON. Arguments may hold the same values
 * as {@code {NAME}} placeholders ({@code {KERNEL_IMAGE}}).
 *
 * <p><b>Output.</b> stdout and stderr, merged, are the console: kept in {@code console.log} (head and tail, see
 * {@link ConsoleLimits}; arrival times in {@code console.log.times}) and analysed live by {@code ConsoleLogAnalyzer}.
 * Result files the script writes into the output directory are read: {@code *.ktap}, {@code *.tap}, JUnit
 * {@code *.xml}.
 *
 * <p><b>Outcome.</b> By {@link ExitCodes} (default: 0 ok, 1 test failures, anything else or a signal an
 * infrastructure error). An ok exit with failed results, or with a fatal incident (panic) on the console, is
 * TEST_FAILURES. A local artifact that does not exist is JOB_ERROR before anything runs; a command that cannot be
 * started is INFRA_ERROR.
 *
 * <p><b>Stopping.</b> On cancel or timeout the whole process tree gets SIGTERM, then SIGKILL after the kill grace
 * (default 5 s); processes the command left running after it exited are killed too. Thread-safe; each run takes one
 * thread of the dispatcher's executor for its duration.
 */
public final class LocalCommandRunner implements HardwareRunner {
    /** The default runner name. */
    public static final String NAME = "local";
    static final String JOB_FILE = "cikit-job.json";
    static final String CONSOLE_LOG = "console.log";
    /** The board attribute holding a board's own command (split on whitespace). */
    public static final String COMMAND_ATTRIBUTE = "local.command";

    private final String name;
    private final List<String> defaultCommand;
    private final Map<String, List<String>> commandsByType;
    private final Map<String, String> environment;
    private final ExitCodes exitCodes;
    private final Duration killGrace;
    private final Duration quietAfter;
    private final ConsoleLimits consoleLimits;
    private final Optional<Path> baseDirectory;

    private LocalCommandRunner(Builder b) {
        this.name = b.name;
        this.defaultCommand = List.copyOf(b.defaultCommand);
        this.commandsByType = Map.copyOf(b.commandsByType);
        this.environment = Map.copyOf(b.environment);
        this.exitCodes = b.exitCodes;
        this.killGrace = b.killGrace;
        this.quietAfter = b.quietAfter;
        this.consoleLimits = b.consoleLimits;
        this.baseDirectory = b.baseDirectory;
    }

    /** A runner whose default command is {@code command} (program first); per-type commands may be added. */
    public static Builder builder(List<String> command) {
        return new Builder().command(command);
    }

    /** A runner with no default command: every board needs a per-type command or a {@code local.command} attribute. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public RunHandle start(RunContext context) {
        LocalRun run = new LocalRun(context);
        context.executor().execute(run);
        return run;
    }

    /**
     * The command template for a board: its {@code local.command} attribute (split on whitespace), else its type's,
     * else the default; a relative program path with a slash in it is resolved against the base directory.
     *
     * @throws ConfigurationException when the attribute names an unknown placeholder
     */
    List<String> commandFor(Board board) {
        String own = board.attributes().getOrDefault(COMMAND_ATTRIBUTE, "").strip();
        List<String> c = own.isEmpty() ? commandsByType.getOrDefault(board.type(), defaultCommand)
                : Builder.checked(List.of(own.split("\\s+")), "board " + board.id() + " attribute " + COMMAND_ATTRIBUTE);
        if (c.isEmpty() || baseDirectory.isEmpty()) {
            return c;
        }
        String program = c.get(0);
        if (program.contains("/") && !Path.of(program).isAbsolute()) {
            List<String> resolved = new java.util.ArrayList<>(c);
            resolved.set(0, baseDirectory.get().resolve(program).normalize().toString());
            return resolved;
        }
        return c;
    }

    private final class LocalRun extends ProcessRun {
        LocalRun(RunContext context) {
            super(context);
        }

        @Override
        RunReport execute() {
            TestJob job = context.job();
            Path out = context.outputDirectory();
            Optional<String> missing = missingArtifacts(job);
            if (missing.isPresent()) {
                return RunReport.of(RunOutcome.JOB_ERROR, missing.get());
            }
            List<String> template;
            try {
                template = commandFor(context.board());
            } catch (ConfigurationException e) {
                return RunReport.of(RunOutcome.INFRA_ERROR, e.getMessage());
            }
            if (template.isEmpty()) {
                return RunReport.of(RunOutcome.INFRA_ERROR, "runner " + name + " has no command for board type "
                        + context.board().type());
            }
            Path jobFile = out.resolve(JOB_FILE);
            try {
                Files.write(jobFile, Json.write(job.toJson()));
            } catch (IOException e) {
                return RunReport.of(RunOutcome.INFRA_ERROR, "cannot write " + jobFile + ": " + e.getMessage());
            }
            Map<String, String> env = new LinkedHashMap<>(environment);
            env.putAll(JobEnvironment.of(context, jobFile.toAbsolutePath().toString()));
            List<String> argv = JobEnvironment.expand(template, env);
            ConsoleCapture capture = new ConsoleCapture(out.resolve(CONSOLE_LOG), consoleLimits.headBytes(),
                    consoleLimits.tailBytes(), ConsoleLogAnalyzer.create());
            Process process;
            try {
                process = start(argv, env, out);
            } catch (IOException | RuntimeException e) {
                capture.finish();
                return RunReport.builder(RunOutcome.INFRA_ERROR).reason("cannot start `" + argv.get(0) + "`: "
                        + e.getMessage()).detail("command", String.join(" ", argv)).build();
            }
            ConsoleProcess cp = new ConsoleProcess(process, capture, killGrace, quietAfter, new ConsoleProcess.Hooks() {
                @Override
                public void beat() {
                    context.lease().renew();
                }
            });
            attach(cp);
            ConsoleProcess.Ending end = cp.run();
            ConsoleCapture.Result console = capture.finish();
            List<TestResult> tests = ResultFiles.collect(out, Set.of(console.log(), console.times(), jobFile));

            RunReport.Builder report = RunReport.builder(RunOutcome.COMPLETE).tests(tests).consoleLog(console.log())
                    .console(console.analysis()).detail("command", String.join(" ", argv));
            end.exitCode().ifPresent(c -> report.detail("exitCode", Integer.toString(c)));
            if (end.leftoversKilled() > 0) {
                report.detail("leftoverProcessesKilled", Integer.toString(end.leftoversKilled()));
            }
            if (end.stoppedBecause().isPresent()) {
                return report.outcome(RunOutcome.STOPPED).reason("stopped: " + end.stoppedBecause().get()).build();
            }
            if (end.exitCode().isEmpty()) {
                return report.outcome(RunOutcome.INFRA_ERROR).reason("the command did not exit").build();
            }
            int code = end.exitCode().getAsInt();
            RunOutcome byCode = exitCodes.classify(code);
            long bad = tests.stream().filter(t -> t.status().isBad()).count();
            Optional<LogIncident> fatal = console.analysis().incidents().stream().filter(LogIncident::fatal).findFirst();
            return switch (byCode) {
                case COMPLETE -> {
                    if (bad > 0) {
                        yield report.outcome(RunOutcome.TEST_FAILURES).reason(bad + " of " + tests.size()
                                + " tests failed").build();
                    }
                    if (fatal.isPresent()) {
                        yield report.outcome(RunOutcome.TEST_FAILURES).reason("the console shows "
                                + fatal.get().kind() + ": " + fatal.get().summary()).build();
                    }
                    yield report.build();
                }
                case TEST_FAILURES -> report.outcome(RunOutcome.TEST_FAILURES).reason("exit code " + code
                        + (bad > 0 ? ", " + bad + " of " + tests.size() + " tests failed" : ": tests failed")).build();
                case JOB_ERROR -> report.outcome(RunOutcome.JOB_ERROR).reason("exit code " + code
                        + ": the script refused the job").build();
                default -> report.outcome(RunOutcome.INFRA_ERROR).reason(code > 128 && code < 160
                        ? "killed by signal " + (code - 128) : "exit code " + code + " (infrastructure error)").build();
            };
        }
    }

    /** Configures a {@link LocalCommandRunner}. Not thread-safe. */
    public static final class Builder {
        private String name = NAME;
        private List<String> defaultCommand = List.of();
        private Optional<Path> baseDirectory = Optional.empty();
        private final Map<String, List<String>> commandsByType = new LinkedHashMap<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private ExitCodes exitCodes = ExitCodes.DEFAULT;
        private Duration killGrace = Duration.ofSeconds(5);
        private Duration quietAfter = Duration.ofMillis(500);
        private ConsoleLimits consoleLimits = ConsoleLimits.DEFAULT;

        private Builder() {
        }

        /** The command for boards without their own; {@code {NAME}} placeholders as listed above. */
        public Builder command(List<String> command) {
            this.defaultCommand = checked(command, "command");
            return this;
        }

        /** Where relative program paths ({@code scripts/boot.sh}) are found; default the JVM's working directory. */
        public Builder baseDirectory(Path v) {
            this.baseDirectory = Optional.of(v.toAbsolutePath());
            return this;
        }

        /** The name boards use for this runner; default {@code local}. */
        public Builder name(String v) {
            this.name = Objects.requireNonNull(v, "name");
            return this;
        }

        /** The command for boards of one type, instead of the default. */
        public Builder command(String boardType, List<String> command) {
            commandsByType.put(Objects.requireNonNull(boardType, "boardType"), checked(command, "command." + boardType));
            return this;
        }

        /** An extra environment variable for every command (the {@code CIKIT_*} ones win). */
        public Builder environment(String key, String value) {
            environment.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder exitCodes(ExitCodes v) {
            this.exitCodes = Objects.requireNonNull(v, "exitCodes");
            return this;
        }

        /** Between SIGTERM and SIGKILL when a run is stopped; default 5 s, at most 5 min. */
        public Builder killGrace(Duration v) {
            if (v.isNegative() || v.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new IllegalArgumentException("killGrace must be within 0–5 min: " + v);
            }
            this.killGrace = v;
            return this;
        }

        /** Silence after which the console is taken to wait at a prompt; default 500 ms. */
        public Builder quietAfter(Duration v) {
            this.quietAfter = Objects.requireNonNull(v, "quietAfter");
            return this;
        }

        public Builder consoleLimits(ConsoleLimits v) {
            this.consoleLimits = Objects.requireNonNull(v, "consoleLimits");
            return this;
        }

        public LocalCommandRunner build() {
            return new LocalCommandRunner(this);
        }

        private static List<String> checked(List<String> command, String key) {
            List<String> c = List.copyOf(command);
            if (c.isEmpty() || c.get(0).isBlank()) {
                throw new ConfigurationException("`" + key + "`: the command is empty");
            }
            List<String> bad = JobEnvironment.unknownPlaceholders(c);
            if (!bad.isEmpty()) {
                throw new ConfigurationException("`" + key + "`: unknown placeholders " + bad + "; known: "
                        + new java.util.TreeSet<>(JobEnvironment.NAMES) + ", PARAM_*, BOARD_ATTR_*");
            }
            return c;
        }
    }
}
