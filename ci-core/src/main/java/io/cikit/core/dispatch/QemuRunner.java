package io.cikit.core.dispatch;

import io.cikit.core.dispatch.internal.ConsoleCapture;
import io.cikit.core.dispatch.internal.ConsoleProcess;
import io.cikit.core.result.BootStage;
import io.cikit.core.result.BootStageReached;
import io.cikit.core.result.ConsoleLogAnalyzer;
import io.cikit.core.result.IncidentKind;
import io.cikit.core.result.LogIncident;
import io.cikit.core.result.LogLimits;
import io.cikit.core.result.Measurement;
import io.cikit.core.result.ResultFormatException;
import io.cikit.core.result.ResultParser;
import io.cikit.core.result.TestResult;
import io.cikit.core.result.TestStatus;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Boots a job's kernel under {@code qemu-system-<arch>} and watches its serial console: the boot stages, a login or
 * shell prompt, a kernel panic, or no prompt in time. The boot itself is a test result named {@code boot} (PASS at
 * the prompt, or when the guest powers off cleanly; FAIL on a panic, a timeout or an early exit, saying how far it
 * got; with the time to the prompt as a measurement), KTAP printed on the console (KUnit at boot, or the job's
 * commands) is parsed into results, and the job's {@link TestJob#commands()} are typed at the prompt, each a result
 * {@code commands.<n>} that passes when its exit status is 0. When the console falls silent for two seconds after
 * init started and no prompt was seen (a kernel message printed right after the prompt hides it on the same line),
 * Enter is pressed, every two seconds, up to 30 times, as at a real console, to bring up a fresh prompt.
 *
 * <p><b>Machines</b> (after TuxRun): {@code x86_64} → {@code qemu-system-x86_64 -machine q35}, console
 * {@code ttyS0}; {@code arm64} → {@code qemu-system-aarch64 -machine virt -cpu max}, {@code ttyAMA0};
 * {@code arm} → {@code qemu-system-arm -machine virt}, {@code ttyAMA0}; {@code riscv64} →
 * {@code qemu-system-riscv64 -machine virt}, {@code ttyS0}. Board attributes override per board:
 * {@code qemu.binary}, {@code qemu.machine}, {@code qemu.cpu}, {@code qemu.memory}, {@code qemu.smp},
 * {@code qemu.console}, {@code qemu.accel}, {@code qemu.args} (extra arguments, split on whitespace).
 *
 * <p><b>Command line</b>: {@code -kernel}, {@code -dtb} when the job has one, the root file system as
 * {@code -initrd} when it is a cpio or initrd/initramfs (else as a snapshot virtio disk with {@code root=/dev/vda}),
 * {@code -append "console=<dev> panic=-1 <job parameter kernel.cmdline>"}, {@code -nographic -no-reboot}; with
 * {@code panic=-1} and {@code -no-reboot} a panicking guest ends QEMU. Modules and BSP packages are not used: put
 * modules in the root file system. Artifacts must be local files.
 *
 * <p><b>Outcome</b>: COMPLETE when the boot and every result pass; TEST_FAILURES otherwise; INFRA_ERROR when QEMU is
 * missing or dies before the kernel prints anything; JOB_ERROR for a missing or non-local artifact or a kernel QEMU
 * cannot load. Thread-safe; each run takes one thread of the dispatcher's executor.
 */
public final class QemuRunner implements HardwareRunner {
    /** The default runner name. */
    public static final String NAME = "qemu";
    static final String CONSOLE_LOG = "console.log";
    private static final long PANIC_TRACE_NANOS = 3_000_000_000L;
    /** Silence after init with no prompt before Enter is pressed, and between presses. */
    private static final long NUDGE_NANOS = 2_000_000_000L;
    private static final int MAX_NUDGES = 30;
    private static final int MAX_COMMAND_LINE = 8 * 1024;

    private final String name;
    private final Optional<Path> binaryDirectory;
    private final String accel;
    private final String memory;
    private final int smp;
    private final Duration bootTimeout;
    private final Duration commandTimeout;
    private final Duration killGrace;
    private final Duration quietAfter;
    private final ConsoleLimits consoleLimits;
    private final List<String> extraArgs;

    private QemuRunner(Builder b) {
        this.name = b.name;
        this.binaryDirectory = b.binaryDirectory;
        this.accel = b.accel;
        this.memory = b.memory;
        this.smp = b.smp;
        this.bootTimeout = b.bootTimeout;
        this.commandTimeout = b.commandTimeout;
        this.killGrace = b.killGrace;
        this.quietAfter = b.quietAfter;
        this.consoleLimits = b.consoleLimits;
        this.extraArgs = List.copyOf(b.extraArgs);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public RunHandle start(RunContext context) {
        QemuRun run = new QemuRun(context);
        context.executor().execute(run);
        return run;
    }

    /**
     * The QEMU machine cikit uses for an architecture (normalised as {@link Board#normaliseArch}).
     *
     * @param binary the program, {@code qemu-system-aarch64}
     * @param machine the {@code -machine} value
     * @param cpu the {@code -cpu} value; empty for QEMU's default
     * @param console the kernel's console device
     */
    public record Machine(String binary, String machine, String cpu, String console) {
        public Machine {
            Objects.requireNonNull(binary, "binary");
            Objects.requireNonNull(machine, "machine");
            Objects.requireNonNull(cpu, "cpu");
            Objects.requireNonNull(console, "console");
        }

        /** The machine for an architecture; empty for one cikit has no default for. */
        public static Optional<Machine> forArch(String arch) {
            return switch (Board.normaliseArch(arch)) {
                case "x86_64" -> Optional.of(new Machine("qemu-system-x86_64", "q35", "", "ttyS0"));
                case "arm64" -> Optional.of(new Machine("qemu-system-aarch64", "virt", "max", "ttyAMA0"));
                case "arm" -> Optional.of(new Machine("qemu-system-arm", "virt", "", "ttyAMA0"));
                case "riscv64" -> Optional.of(new Machine("qemu-system-riscv64", "virt", "", "ttyS0"));
                default -> Optional.empty();
            };
        }
    }

    /** A QEMU program: in {@code directory} when given, else on the {@code PATH}; empty when not found. */
    public static Optional<Path> findBinary(String program, Optional<Path> directory) {
        if (program.contains("/")) {
            Path p = Path.of(program);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        List<Path> dirs = new ArrayList<>();
        directory.ifPresent(dirs::add);
        if (directory.isEmpty()) {
            String path = Objects.requireNonNullElse(System.getenv("PATH"), "");
            for (String d : path.split(File.pathSeparator)) {
                if (!d.isBlank()) {
                    dirs.add(Path.of(d));
                }
            }
        }
        return dirs.stream().map(d -> d.resolve(program)).filter(Files::isExecutable).findFirst();
    }

    /** The machine a board gets: the architecture's, with the board's {@code qemu.*} attributes on top. */
    static Optional<Machine> machineFor(Board board) {
        Map<String, String> a = board.attributes();
        Optional<Machine> base = Machine.forArch(board.arch());
        if (base.isEmpty() && !(a.containsKey("qemu.binary") && a.containsKey("qemu.machine") && a.containsKey("qemu.console"))) {
            return Optional.empty();
        }
        Machine m = base.orElse(new Machine("", "", "", ""));
        return Optional.of(new Machine(a.getOrDefault("qemu.binary", m.binary()), a.getOrDefault("qemu.machine", m.machine()),
                a.getOrDefault("qemu.cpu", m.cpu()), a.getOrDefault("qemu.console", m.console())));
    }

    /** The QEMU command line for a run, {@code binary} first. */
    List<String> commandLine(RunContext ctx, Machine m, Path binary) {
        TestJob job = ctx.job();
        Map<String, String> a = ctx.board().attributes();
        List<String> argv = new ArrayList<>();
        argv.add(binary.toString());
        argv.addAll(List.of("-machine", m.machine()));
        if (!m.cpu().isBlank()) {
            argv.addAll(List.of("-cpu", m.cpu()));
        }
        argv.addAll(List.of("-accel", a.getOrDefault("qemu.accel", accel)));
        argv.addAll(List.of("-m", a.getOrDefault("qemu.memory", memory)));
        argv.addAll(List.of("-smp", a.getOrDefault("qemu.smp", Integer.toString(smp))));
        argv.addAll(List.of("-kernel", local(job.kernelImage()).toString()));
        job.dtb().ifPresent(d -> argv.addAll(List.of("-dtb", local(d).toString())));
        String extraCmdline = job.parameters().getOrDefault(TestJob.KERNEL_CMDLINE, "").strip();
        StringBuilder cmdline = new StringBuilder("console=").append(m.console());
        if (!hasArg(extraCmdline, "panic")) {
            cmdline.append(" panic=-1");
        }
        if (job.rootfs().isPresent()) {
            Path rootfs = local(job.rootfs().get());
            if (isInitramfs(rootfs)) {
                argv.addAll(List.of("-initrd", rootfs.toString()));
            } else {
                argv.addAll(List.of("-drive", "file=" + rootfs.toString().replace(",", ",,")
                        + ",format=raw,if=virtio,snapshot=on"));
                if (!hasArg(extraCmdline, "root")) {
                    cmdline.append(" root=/dev/vda");
                }
            }
        }
        if (!extraCmdline.isEmpty()) {
            cmdline.append(' ').append(extraCmdline);
        }
        argv.addAll(List.of("-append", cmdline.toString(), "-nographic", "-no-reboot"));
        argv.addAll(extraArgs);
        String boardArgs = a.getOrDefault("qemu.args", "").strip();
        if (!boardArgs.isEmpty()) {
            argv.addAll(Arrays.asList(boardArgs.split("\\s+")));
        }
        return argv;
    }

    private static boolean hasArg(String cmdline, String key) {
        return (" " + cmdline).contains(" " + key + "=");
    }

    static boolean isInitramfs(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.contains(".cpio") || n.startsWith("initrd") || n.startsWith("initramfs") || n.endsWith(".initrd");
    }

    private static Path local(URI artifact) {
        return TestJob.localFile(artifact).orElseThrow(() -> new IllegalStateException("not a local file: " + artifact));
    }

    /** One boot. The fields below the finals are touched only by the pump thread (listener and hooks run on it). */
    private final class QemuRun extends ProcessRun implements ConsoleLogAnalyzer.Listener, ConsoleProcess.Hooks {
        private final String nonce = UUID.randomUUID().toString().substring(0, 8);
        private final String marker = "cikit-rc-" + nonce + ":";
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private final List<TestResult> commandResults = new ArrayList<>();
        private @Nullable ConsoleProcess console;
        private long startNanos;
        private long promptNanos = -1;
        private long fatalNanos = -1;
        private @Nullable String fatalSummary;
        private int nextCommand;
        private long commandStartNanos;
        private boolean bootTimedOut;
        private boolean commandTimedOut;
        private boolean initStarted;
        private long lastOutputNanos;
        private long lastNudgeNanos;
        private int nudges;

        QemuRun(RunContext context) {
            super(context);
        }

        @Override
        RunReport execute() {
            TestJob job = context.job();
            Optional<String> missing = missingArtifacts(job);
            if (missing.isPresent()) {
                return RunReport.of(RunOutcome.JOB_ERROR, missing.get());
            }
            for (Optional<URI> u : List.of(Optional.of(job.kernelImage()), job.dtb(), job.rootfs())) {
                if (u.isPresent() && TestJob.localFile(u.get()).isEmpty()) {
                    return RunReport.of(RunOutcome.JOB_ERROR, "QEMU boots local files only; fetch " + u.get() + " first");
                }
            }
            Optional<Machine> machine = machineFor(context.board());
            if (machine.isEmpty()) {
                return RunReport.of(RunOutcome.INFRA_ERROR, "no QEMU machine for architecture `" + context.board().arch()
                        + "` of board " + context.board().id() + "; set qemu.binary, qemu.machine and qemu.console");
            }
            Optional<Path> binary = findBinary(machine.get().binary(), binaryDirectory);
            if (binary.isEmpty()) {
                return RunReport.of(RunOutcome.INFRA_ERROR, machine.get().binary() + " not found"
                        + binaryDirectory.map(d -> " in " + d).orElse(" on the PATH"));
            }
            List<String> argv = commandLine(context, machine.get(), binary.get());
            ConsoleCapture capture = new ConsoleCapture(context.outputDirectory().resolve(CONSOLE_LOG),
                    consoleLimits.headBytes(), consoleLimits.tailBytes(), ConsoleLogAnalyzer.create(LogLimits.DEFAULT, this));
            Process process;
            startNanos = System.nanoTime();
            try {
                process = start(argv, Map.of(), context.outputDirectory());
            } catch (IOException | RuntimeException e) {
                capture.finish();
                return RunReport.builder(RunOutcome.INFRA_ERROR).reason("cannot start " + argv.get(0) + ": "
                        + e.getMessage()).detail("command", String.join(" ", argv)).build();
            }
            ConsoleProcess cp = new ConsoleProcess(process, capture, killGrace, quietAfter, this);
            console = cp;
            attach(cp);
            ConsoleProcess.Ending end = cp.run();
            String tail = capture.tailText(400);
            ConsoleCapture.Result log = capture.finish();
            return report(argv, end, log, tail);
        }

        private RunReport report(List<String> argv, ConsoleProcess.Ending end, ConsoleCapture.Result log, String tail) {
            Optional<BootStage> stage = log.analysis().lastStage();
            String reached = " (the boot reached " + stage.map(BootStage::name).orElse("no known stage") + ")";
            RunReport.Builder report = RunReport.builder(RunOutcome.COMPLETE).consoleLog(log.log())
                    .console(log.analysis()).detail("command", String.join(" ", argv));
            end.exitCode().ifPresent(c -> report.detail("exitCode", Integer.toString(c)));
            boolean stoppedByCancel = end.stoppedBecause().filter(CANCELLED::equals).isPresent() || cancelled();
            boolean stoppedByUs = end.stoppedBecause().isPresent();
            int exit = end.exitCode().orElse(-1);

            if (!stoppedByUs && exit != 0 && stage.isEmpty()) {
                String last = tail.strip();
                last = last.length() > 300 ? last.substring(last.length() - 300) : last;
                RunOutcome o = last.contains("could not load") || last.contains("too old")
                        || last.contains("Error loading") ? RunOutcome.JOB_ERROR : RunOutcome.INFRA_ERROR;
                return report.outcome(o).reason("QEMU exited with code " + exit + " before the kernel started: " + last)
                        .build();
            }

            TestResult.Builder boot;
            if (promptNanos >= 0) {
                double seconds = (promptNanos - startNanos) / 1e9;
                boot = TestResult.builder("boot", TestStatus.PASS).duration(Duration.ofNanos(promptNanos - startNanos))
                        .measurement(new Measurement("boot", Math.round(seconds * 1000) / 1000.0, "s"));
            } else if (fatalSummary != null) {
                boot = TestResult.builder("boot", TestStatus.FAIL).message(fatalSummary + reached);
            } else if (bootTimedOut) {
                boot = TestResult.builder("boot", TestStatus.FAIL).message("no prompt within " + bootTimeout + reached);
            } else if (stoppedByCancel) {
                boot = TestResult.builder("boot", TestStatus.ERROR).message("stopped before the boot finished" + reached);
            } else if (exit == 0 && stage.isPresent()) {
                boot = TestResult.builder("boot", TestStatus.PASS).message("the guest powered off" + reached);
            } else {
                boot = TestResult.builder("boot", TestStatus.FAIL).message("QEMU exited with code " + exit
                        + " before a prompt" + reached);
            }
            List<TestResult> tests = new ArrayList<>();
            tests.add(boot.build());
            tests.addAll(commandResults);
            for (int i = commandResults.size(); promptNanos >= 0 && i < context.job().commands().size(); i++) {
                tests.add(TestResult.builder("commands." + (i + 1), TestStatus.ERROR)
                        .message((commandTimedOut && i == commandResults.size() ? "no exit status within "
                                + commandTimeout : "not run") + ": " + context.job().commands().get(i)).build());
            }
            try {
                tests.addAll(ResultParser.ktap().parse(log.log()).results());
            } catch (ResultFormatException e) {
                tests.add(TestResult.builder("console", TestStatus.ERROR).message(e.getMessage()).build());
            }
            report.tests(tests);
            if (stoppedByCancel) {
                return report.outcome(RunOutcome.STOPPED).reason("stopped: " + CANCELLED).build();
            }
            long bad = tests.stream().filter(t -> t.status().isBad()).count();
            if (bad == 0) {
                return report.build();
            }
            TestResult first = tests.get(0);
            String why = first.status().isBad() ? "boot failed: " + first.message().orElse("")
                    : bad + " of " + tests.size() + " tests failed";
            return report.outcome(RunOutcome.TEST_FAILURES).reason(why).build();
        }

        // ---- console events (pump thread)

        @Override
        public void stageReached(BootStageReached stage) {
            if (stage.stage().compareTo(BootStage.INIT) >= 0) {
                initStarted = true;
            }
            if (stage.stage() == BootStage.LOGIN_PROMPT && promptNanos < 0) {
                promptNanos = System.nanoTime();
                nextCommand();
            }
        }

        @Override
        public void incidentStarted(IncidentKind kind, long lineNo, String summary) {
            if (kind.fatal() && fatalSummary == null) {
                fatalSummary = kind + ": " + summary;
                fatalNanos = System.nanoTime();
            }
        }

        @Override
        public void incidentCompleted(LogIncident incident) {
            if (incident.fatal() && console != null) {
                console.stop("fatal " + incident.kind());
            }
        }

        @Override
        public void output(byte[] b, int off, int len) {
            lastOutputNanos = System.nanoTime();
            if (promptNanos < 0 || nextCommand == 0) {
                return;
            }
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    commandOutputLine(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                } else if (line.size() < MAX_COMMAND_LINE) {
                    line.write(b[i]);
                }
            }
        }

        @Override
        public void beat() {
            context.lease().renew();
            long now = System.nanoTime();
            ConsoleProcess cp = console;
            if (cp == null) {
                return;
            }
            if (fatalNanos >= 0 && now - fatalNanos > PANIC_TRACE_NANOS) {
                cp.stop("fatal incident");
            } else if (promptNanos < 0 && now - startNanos > bootTimeout.toNanos()) {
                bootTimedOut = true;
                cp.stop("boot timeout");
            } else if (promptNanos < 0 && initStarted && fatalNanos < 0 && nudges < MAX_NUDGES
                    && now - lastOutputNanos > NUDGE_NANOS && now - lastNudgeNanos > NUDGE_NANOS) {
                // a kernel message printed just after the prompt hides it on the same line; Enter brings a new one
                nudges++;
                lastNudgeNanos = now;
                cp.send("\n");
            } else if (promptNanos >= 0 && nextCommand > 0 && commandResults.size() < nextCommand
                    && now - commandStartNanos > commandTimeout.toNanos()) {
                commandTimedOut = true;
                cp.stop("command timeout");
            }
        }

        private void commandOutputLine(String text) {
            int at = text.indexOf(marker);
            if (at < 0 || commandResults.size() >= nextCommand) {
                return;
            }
            String rest = text.substring(at + marker.length()).strip();
            if (rest.isEmpty() || !rest.chars().allMatch(Character::isDigit) || rest.length() > 3) {
                return;
            }
            int rc = Integer.parseInt(rest);
            int n = commandResults.size() + 1;
            String cmd = context.job().commands().get(n - 1);
            commandResults.add(TestResult.builder("commands." + n, rc == 0 ? TestStatus.PASS : TestStatus.FAIL)
                    .duration(Duration.ofNanos(System.nanoTime() - commandStartNanos))
                    .message((rc == 0 ? "" : "exit status " + rc + ": ") + cmd).build());
            nextCommand();
        }

        private void nextCommand() {
            ConsoleProcess cp = console;
            if (cp == null) {
                return;
            }
            List<String> commands = context.job().commands();
            if (nextCommand >= commands.size()) {
                cp.stop(commands.isEmpty() ? "prompt reached" : "commands done");
                return;
            }
            String cmd = commands.get(nextCommand++);
            commandStartNanos = System.nanoTime();
            // the echo of this line shows `:$?`, never digits, so only the shell's answer matches the marker
            if (!cp.send(cmd + "; echo " + marker + "$?\n")) {
                cp.stop("console input closed");
            }
        }
    }

    /** Configures a {@link QemuRunner}. Not thread-safe. */
    public static final class Builder {
        private String name = NAME;
        private Optional<Path> binaryDirectory = Optional.empty();
        private String accel = "tcg";
        private String memory = "512M";
        private int smp = 1;
        private Duration bootTimeout = Duration.ofMinutes(5);
        private Duration commandTimeout = Duration.ofMinutes(5);
        private Duration killGrace = Duration.ofSeconds(2);
        private Duration quietAfter = Duration.ofMillis(300);
        private ConsoleLimits consoleLimits = ConsoleLimits.DEFAULT;
        private final List<String> extraArgs = new ArrayList<>();

        private Builder() {
        }

        /** The name boards use for this runner; default {@code qemu}. */
        public Builder name(String v) {
            this.name = Objects.requireNonNull(v, "name");
            return this;
        }

        /** Where the {@code qemu-system-*} programs are; default the {@code PATH}. */
        public Builder binaryDirectory(Path v) {
            this.binaryDirectory = Optional.of(v);
            return this;
        }

        /** {@code -accel}: {@code tcg} (default: works everywhere), {@code kvm} (same-architecture hosts), … */
        public Builder accel(String v) {
            this.accel = Objects.requireNonNull(v, "accel");
            return this;
        }

        /** {@code -m}; default {@code 512M}. */
        public Builder memory(String v) {
            this.memory = Objects.requireNonNull(v, "memory");
            return this;
        }

        /** {@code -smp}, 1–64; default 1. */
        public Builder smp(int v) {
            if (v < 1 || v > 64) {
                throw new IllegalArgumentException("smp must be within 1–64: " + v);
            }
            this.smp = v;
            return this;
        }

        /** The longest wait for a prompt; default 5 min. */
        public Builder bootTimeout(Duration v) {
            this.bootTimeout = Objects.requireNonNull(v, "bootTimeout");
            return this;
        }

        /** The longest wait for one command's exit status; default 5 min. */
        public Builder commandTimeout(Duration v) {
            this.commandTimeout = Objects.requireNonNull(v, "commandTimeout");
            return this;
        }

        /** Between SIGTERM and SIGKILL when QEMU is stopped; default 2 s. */
        public Builder killGrace(Duration v) {
            this.killGrace = Objects.requireNonNull(v, "killGrace");
            return this;
        }

        /** Silence after which the console is taken to wait at a prompt; default 300 ms. */
        public Builder quietAfter(Duration v) {
            this.quietAfter = Objects.requireNonNull(v, "quietAfter");
            return this;
        }

        public Builder consoleLimits(ConsoleLimits v) {
            this.consoleLimits = Objects.requireNonNull(v, "consoleLimits");
            return this;
        }

        /** Arguments added to every QEMU command line. */
        public Builder extraArg(String v) {
            this.extraArgs.add(Objects.requireNonNull(v, "arg"));
            return this;
        }

        public QemuRunner build() {
            return new QemuRunner(this);
        }
    }
}
