package io.cikit.core.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.cikit.core.result.BootStage;
import io.cikit.core.result.IncidentKind;
import io.cikit.core.result.TestResult;
import io.cikit.core.result.TestStatus;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link QemuRunner} against stand-in {@code qemu-system-*} programs: shell scripts that record their command line and
 * replay consoles captured from real QEMU boots (Debian's 6.1 cloud kernel on q35), or act as the shell at the
 * prompt. The real thing is booted in {@link QemuBootTest}.
 */
class QemuRunnerTest {
    private static ExecutorService threads;

    @TempDir
    Path dir;

    @BeforeAll
    static void startThreads() {
        threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "qemu-runner-test");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterAll
    static void stopThreads() {
        threads.shutdownNow();
    }

    Path fixture(String name) throws IOException {
        Path p = dir.resolve(name);
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("/dispatch/" + name), name)) {
            Files.copy(in, p);
        }
        return p;
    }

    /** A stand-in QEMU in its own directory: records its arguments in the output directory, then runs {@code body}. */
    Path fakeQemu(String program, String body) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path p = bin.resolve(program);
        Files.writeString(p, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done > qemu-args.txt\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    Path file(String name) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, new byte[] {0x4d, 0x5a});
        return p;
    }

    static Board x86() {
        return Board.builder("qemu-x86-1", "qemu-x86_64").arch("x86_64").runner("qemu").build();
    }

    record Ran(RunReport report, Path out, RunHandle handle) {
    }

    Ran start(QemuRunner runner, Board board, TestJob job) throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        RunContext ctx = new RunContext(job, board, 1, new Lease(board.id(), job.id(), 1, Duration.ofMinutes(1),
                Clock.systemUTC()), out, Instant.now().plusSeconds(600), threads, Clock.systemUTC());
        return new Ran(null, out, runner.start(ctx));
    }

    Ran run(QemuRunner runner, Board board, TestJob job) throws Exception {
        Ran r = start(runner, board, job);
        return new Ran(r.handle().result().get(60, TimeUnit.SECONDS), r.out(), r.handle());
    }

    @Test
    void aBootToTheShellPromptPassesRunsTheCommandsAndCollectsKtapFromTheConsole() throws Exception {
        Path boot = fixture("qemu-x86_64-initramfs-boot.log");
        Path bin = fakeQemu("qemu-system-x86_64", "cat " + boot + "\nprintf '/ # '\n"
                + "while read -r line; do eval \"$line\"; printf '/ # '; done");
        QemuRunner runner = QemuRunner.builder().binaryDirectory(bin).build();
        TestJob job = TestJob.builder(file("bzImage")).id("kunit").rootfs(file("initramfs.cpio.gz"))
                .parameter(TestJob.KERNEL_CMDLINE, "quiet kunit.filter_glob=example*")
                .command("true").command("echo output of two; false")
                .command("printf 'KTAP version 1\\n1..1\\nok 1 from_a_command\\n'").build();

        Ran r = run(runner, x86(), job);

        RunReport report = r.report();
        assertThat(report.tests()).extracting(TestResult::path).containsExactly("boot", "commands.1", "commands.2",
                "commands.3", "cikit_init_alive", "cikit_init_write", "from_a_command");
        assertThat(report.tests()).extracting(TestResult::status).containsExactly(TestStatus.PASS, TestStatus.PASS,
                TestStatus.FAIL, TestStatus.PASS, TestStatus.PASS, TestStatus.SKIP, TestStatus.PASS);
        TestResult bootResult = report.tests().get(0);
        assertThat(bootResult.measurements()).singleElement().satisfies(m -> assertThat(m.unit()).isEqualTo("s"));
        assertThat(report.tests().get(2).message()).hasValue("exit status 1: echo output of two; false");
        assertThat(report.outcome()).isEqualTo(RunOutcome.TEST_FAILURES);
        assertThat(report.reason()).hasValue("1 of 7 tests failed");
        assertThat(report.console().orElseThrow().lastStage()).contains(BootStage.LOGIN_PROMPT);
        assertThat(Files.readString(report.consoleLog().orElseThrow())).contains("output of two");
        assertThat(Files.readAllLines(r.out().resolve("qemu-args.txt"))).containsSubsequence(
                "-machine", "q35", "-accel", "tcg", "-m", "512M", "-smp", "1",
                "-kernel", dir.resolve("bzImage").toString(), "-initrd", dir.resolve("initramfs.cpio.gz").toString(),
                "-append", "console=ttyS0 panic=-1 quiet kunit.filter_glob=example*", "-nographic", "-no-reboot");
    }

    @Test
    void aBootThatReachesThePromptWithNothingToRunIsComplete() throws Exception {
        Path boot = fixture("qemu-x86_64-initramfs-boot.log");
        Path bin = fakeQemu("qemu-system-x86_64", "cat " + boot + "\nprintf '/ # '\nsleep 1000");

        RunReport r = run(QemuRunner.builder().binaryDirectory(bin).build(), x86(),
                TestJob.builder(file("bzImage")).build()).report();

        assertThat(r.outcome()).isEqualTo(RunOutcome.COMPLETE);
        assertThat(r.tests()).extracting(TestResult::path).containsExactly("boot", "cikit_init_alive", "cikit_init_write");
    }

    @Test
    void aPromptHiddenByAKernelMessageIsBroughtBackWithEnter() throws Exception {
        Path bin = fakeQemu("qemu-system-x86_64", """
                echo '[    0.000000] Linux version 6.1.0-56-cloud-amd64 (gcc-12)'
                echo '[    2.821565] Run /init as init process'
                printf '/ # [    2.961785] tsc: Refined TSC clocksource calibration: 2445.408 MHz\\n'
                while read -r line; do printf '/ # '; done
                """);

        RunReport r = run(QemuRunner.builder().binaryDirectory(bin).build(), x86(),
                TestJob.builder(file("bzImage")).build()).report();

        assertThat(r.outcome()).isEqualTo(RunOutcome.COMPLETE);
        assertThat(r.console().orElseThrow().lastStage()).contains(BootStage.LOGIN_PROMPT);
    }

    @Test
    void aPanicFailsTheBootAndTheConsoleAnalysisSaysWhere() throws Exception {
        Path panic = fixture("qemu-x86_64-vfs-panic.log");
        Path bin = fakeQemu("qemu-system-x86_64", "cat " + panic + "\nexit 0");

        RunReport r = run(QemuRunner.builder().binaryDirectory(bin).build(), x86(),
                TestJob.builder(file("bzImage")).build()).report();

        assertThat(r.outcome()).isEqualTo(RunOutcome.TEST_FAILURES);
        assertThat(r.tests()).first().satisfies(boot -> {
            assertThat(boot.path()).isEqualTo("boot");
            assertThat(boot.status()).isEqualTo(TestStatus.FAIL);
            assertThat(boot.message()).hasValueSatisfying(m -> assertThat(m)
                    .contains("KERNEL_PANIC: Kernel panic - not syncing: VFS: Unable to mount root fs")
                    .contains("the boot reached KERNEL_STARTED"));
        });
        assertThat(r.reason()).hasValueSatisfying(s -> assertThat(s).startsWith("boot failed: KERNEL_PANIC"));
        assertThat(r.console().orElseThrow().incidents()).extracting(i -> i.kind()).contains(IncidentKind.KERNEL_PANIC);
        assertThat(r.console().orElseThrow().lastStage()).contains(BootStage.KERNEL_STARTED);
    }

    @Test
    void aPanicStopsQemuEvenWhenItDoesNotExitByItself() throws Exception {
        Path panic = fixture("qemu-x86_64-vfs-panic.log");
        Path bin = fakeQemu("qemu-system-x86_64", "cat " + panic + "\necho '---[ end Kernel panic - not syncing: VFS ]---'"
                + "\necho $$ > qemu.pid\nsleep 1000");

        Ran r = run(QemuRunner.builder().binaryDirectory(bin).build(), x86(), TestJob.builder(file("bzImage")).build());

        assertThat(r.report().tests().get(0).status()).isEqualTo(TestStatus.FAIL);
        long pid = Long.parseLong(Files.readString(r.out().resolve("qemu.pid")).strip());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void noPromptWithinTheBootTimeoutFailsTheBoot() throws Exception {
        Path bin = fakeQemu("qemu-system-x86_64", "echo '[    0.000000] Linux version 6.1.0 (gcc)'\n"
                + "echo '[    1.000000] Run /init as init process'\nsleep 1000");

        RunReport r = run(QemuRunner.builder().binaryDirectory(bin).bootTimeout(Duration.ofSeconds(1)).build(), x86(),
                TestJob.builder(file("bzImage")).build()).report();

        assertThat(r.outcome()).isEqualTo(RunOutcome.TEST_FAILURES);
        assertThat(r.tests().get(0).message()).hasValueSatisfying(m -> assertThat(m).startsWith("no prompt within PT1S")
                .contains("reached INIT"));
    }

    @Test
    void aMissingQemuIsAnInfrastructureError() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));

        RunReport r = run(QemuRunner.builder().binaryDirectory(empty).build(), x86(),
                TestJob.builder(file("bzImage")).build()).report();

        assertThat(r.outcome()).isEqualTo(RunOutcome.INFRA_ERROR);
        assertThat(r.reason()).hasValueSatisfying(s -> assertThat(s).contains("qemu-system-x86_64 not found in"));
    }

    @Test
    void qemuDyingBeforeTheKernelStartsIsAnInfraErrorUnlessTheKernelWasUnloadable() throws Exception {
        Path bin = fakeQemu("qemu-system-x86_64", "echo 'qemu-system-x86_64: unsupported machine type' >&2; exit 1");
        RunReport infra = run(QemuRunner.builder().binaryDirectory(bin).build(), x86(),
                TestJob.builder(file("bzImage")).build()).report();
        assertThat(infra.outcome()).isEqualTo(RunOutcome.INFRA_ERROR);
        assertThat(infra.reason()).hasValueSatisfying(s -> assertThat(s).contains("unsupported machine type"));

        fakeQemu("qemu-system-x86_64", "echo 'qemu-system-x86_64: could not load kernel /x/bzImage' >&2; exit 1");
        Files.walk(dir.resolve("out")).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        RunReport job = run(QemuRunner.builder().binaryDirectory(bin).build(), x86(),
                TestJob.builder(file("bzImage")).build()).report();
        assertThat(job.outcome()).isEqualTo(RunOutcome.JOB_ERROR);
    }

    @Test
    void remoteArtifactsAreAJobError() throws Exception {
        RunReport r = run(QemuRunner.builder().build(), x86(),
                TestJob.builder(URI.create("https://builds.example.org/bzImage")).build()).report();

        assertThat(r.outcome()).isEqualTo(RunOutcome.JOB_ERROR);
        assertThat(r.reason()).hasValueSatisfying(s -> assertThat(s).contains("local files only"));
    }

    @Test
    void arm64BoardsGetTheVirtMachineADiskRootfsADeviceTreeAndTheirOwnSettings() throws Exception {
        Path bin = fakeQemu("qemu-system-aarch64", "echo '[    0.000000] Booting Linux on physical CPU 0x0'\nexit 0");
        Board arm = Board.builder("qemu-arm64-1", "qemu-arm64").arch("aarch64").runner("qemu")
                .attribute("qemu.memory", "2G").attribute("qemu.args", "-device virtio-rng-pci").build();
        TestJob job = TestJob.builder(file("Image")).rootfs(file("rootfs.ext4")).dtb(file("virt.dtb").toUri()).build();

        Ran r = run(QemuRunner.builder().binaryDirectory(bin).smp(2).build(), arm, job);

        assertThat(Files.readAllLines(r.out().resolve("qemu-args.txt"))).containsSubsequence("-machine", "virt", "-cpu",
                "max", "-m", "2G", "-smp", "2", "-kernel", dir.resolve("Image").toString(), "-dtb",
                dir.resolve("virt.dtb").toString(), "-drive",
                "file=" + dir.resolve("rootfs.ext4") + ",format=raw,if=virtio,snapshot=on", "-append",
                "console=ttyAMA0 panic=-1 root=/dev/vda", "-nographic", "-no-reboot", "-device", "virtio-rng-pci");
        assertThat(r.report().tests().get(0).status()).as("a clean power-off after the kernel started")
                .isEqualTo(TestStatus.PASS);
    }

    @Test
    void theMachineTableFollowsTuxRun() {
        assertThat(QemuRunner.Machine.forArch("x86_64")).hasValue(new QemuRunner.Machine("qemu-system-x86_64", "q35", "", "ttyS0"));
        assertThat(QemuRunner.Machine.forArch("arm64")).map(QemuRunner.Machine::binary).hasValue("qemu-system-aarch64");
        assertThat(QemuRunner.Machine.forArch("armv7")).map(QemuRunner.Machine::console).hasValue("ttyAMA0");
        assertThat(QemuRunner.Machine.forArch("riscv64")).map(QemuRunner.Machine::machine).hasValue("virt");
        assertThat(QemuRunner.Machine.forArch("mips")).isEmpty();
    }

    @Test
    void cancellingStopsQemu() throws Exception {
        Path bin = fakeQemu("qemu-system-x86_64", "echo $$ > qemu.pid\necho '[    0.000000] Linux version 6.1.0'\nsleep 1000");
        Ran r = start(QemuRunner.builder().binaryDirectory(bin).build(), x86(), TestJob.builder(file("bzImage")).build());
        Path pidFile = r.out().resolve("qemu.pid");
        for (int i = 0; i < 500 && !Files.exists(pidFile); i++) {
            Thread.sleep(10);
        }

        r.handle().cancel();
        RunReport report = r.handle().result().get(30, TimeUnit.SECONDS);

        assertThat(report.outcome()).isEqualTo(RunOutcome.STOPPED);
        assertThat(report.tests().get(0).status()).isEqualTo(TestStatus.ERROR);
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void initramfsNamesAreRecognised() {
        assertThat(List.of("initramfs.cpio.gz", "rootfs.cpio", "initrd.img-6.1", "core.initrd"))
                .allSatisfy(n -> assertThat(QemuRunner.isInitramfs(Path.of(n))).isTrue());
        assertThat(List.of("rootfs.ext4", "debian.qcow2", "disk.img"))
                .allSatisfy(n -> assertThat(QemuRunner.isInitramfs(Path.of(n))).isFalse());
    }
}
