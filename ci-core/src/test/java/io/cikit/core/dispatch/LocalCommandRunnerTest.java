package io.cikit.core.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.cikit.core.config.ConfigurationException;
import io.cikit.core.json.Json;
import io.cikit.core.result.IncidentKind;
import io.cikit.core.result.TestResult;
import io.cikit.core.result.TestStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LocalCommandRunner} against real shell scripts and real processes. */
class LocalCommandRunnerTest {
    private static ExecutorService threads;

    @TempDir
    Path dir;

    @BeforeAll
    static void startThreads() {
        threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "local-runner-test");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterAll
    static void stopThreads() {
        threads.shutdownNow();
    }

    static Board board() {
        return Board.builder("rpi-07", "rpi4").arch("aarch64").tag("usb").attribute("ram_gb", "4").build();
    }

    Path script(String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    Path kernel() throws IOException {
        Path k = dir.resolve("Image");
        if (!Files.exists(k)) {
            Files.write(k, new byte[] {1, 2, 3});
        }
        return k;
    }

    TestJob.Builder job() throws IOException {
        return TestJob.builder(kernel()).id("job-1").name("smoke").suite("kunit").suite("ltp-smoke")
                .command("uname -a").parameter("kernel.cmdline", "quiet loglevel=3")
                .origin(JobOrigin.of("torvalds/linux", "abc123", "build-9"));
    }

    record Ran(RunReport report, RunContext context, RunHandle handle) {
    }

    Ran start(LocalCommandRunner runner, TestJob job) throws IOException {
        Path out = Files.createDirectories(dir.resolve("out-" + System.nanoTime()));
        Lease lease = new Lease(board().id(), job.id(), 1, Duration.ofSeconds(60), Clock.systemUTC());
        RunContext ctx = new RunContext(job, board(), 1, lease, out, Instant.now().plusSeconds(600), threads,
                Clock.systemUTC());
        RunHandle h = runner.start(ctx);
        return new Ran(null, ctx, h);
    }

    Ran run(LocalCommandRunner runner, TestJob job) throws Exception {
        Ran r = start(runner, job);
        return new Ran(r.handle().result().get(30, TimeUnit.SECONDS), r.context(), r.handle());
    }

    Ran run(String body) throws Exception {
        return run(LocalCommandRunner.builder(List.of(script("lab.sh", body).toString())).build(), job().build());
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    static long pid(Path file) throws Exception {
        for (int i = 0; i < 500 && (!Files.exists(file) || Files.readString(file).isBlank()); i++) {
            Thread.sleep(10);
        }
        return Long.parseLong(Files.readString(file).strip());
    }

    @Test
    void aPassingScriptGetsTheJobInItsEnvironmentAndItsResultsAreRead() throws Exception {
        Ran r = run("""
                env | grep '^CIKIT_' | sort > "$CIKIT_OUTPUT_DIR/env.txt"
                echo "[    0.000000] Booting Linux on physical CPU 0x0"
                echo "flashing $CIKIT_KERNEL_IMAGE onto $CIKIT_BOARD"
                printf 'KTAP version 1\\n1..2\\nok 1 boot_smoke\\nok 2 usb_probe # SKIP no device\\n' > results.ktap
                printf '<testsuite name="ltp"><testcase classname="ltp" name="mmap01" time="0.5"/></testsuite>' > ltp.xml
                exit 0
                """);

        RunReport report = r.report();
        assertThat(report.outcome()).isEqualTo(RunOutcome.COMPLETE);
        assertThat(report.reason()).isEmpty();
        assertThat(report.tests()).extracting(TestResult::path).containsExactly("ltp.mmap01", "boot_smoke", "usb_probe");
        assertThat(report.tests()).extracting(TestResult::status)
                .containsExactly(TestStatus.PASS, TestStatus.PASS, TestStatus.SKIP);
        assertThat(report.details()).containsEntry("exitCode", "0");
        Path out = r.context().outputDirectory();
        assertThat(report.consoleLog()).contains(out.resolve("console.log"));
        assertThat(Files.readString(out.resolve("console.log"))).contains("flashing " + kernel() + " onto rpi-07");
        assertThat(Files.readAllLines(out.resolve("console.log.times"))).first().asString().startsWith("# line");
        assertThat(Files.readAllLines(out.resolve("console.log.times"))).hasSizeGreaterThan(1);
        assertThat(report.console()).hasValueSatisfying(a -> assertThat(a.bootStages()).isNotEmpty());
        List<String> env = Files.readAllLines(out.resolve("env.txt"));
        assertThat(env).contains("CIKIT_JOB_ID=job-1", "CIKIT_JOB_NAME=smoke", "CIKIT_ATTEMPT=1", "CIKIT_BOARD=rpi-07",
                "CIKIT_BOARD_TYPE=rpi4", "CIKIT_BOARD_ARCH=arm64", "CIKIT_BOARD_TAGS=usb",
                "CIKIT_KERNEL_IMAGE=" + kernel(), "CIKIT_OUTPUT_DIR=" + out.toAbsolutePath(),
                "CIKIT_SUITES=kunit,ltp-smoke", "CIKIT_COMMANDS=uname -a", "CIKIT_REPOSITORY=torvalds/linux",
                "CIKIT_COMMIT=abc123", "CIKIT_BUILD_ID=build-9", "CIKIT_BOARD_ATTR_RAM_GB=4",
                "CIKIT_PARAM_KERNEL_CMDLINE=quiet loglevel=3", "CIKIT_TIMEOUT_SECONDS=1800");
        assertThat(env).noneMatch(l -> l.startsWith("CIKIT_DTB=") || l.startsWith("CIKIT_ROOTFS="));
        assertThat(env).anyMatch(l -> l.startsWith("CIKIT_JOB_FILE=") && l.endsWith("cikit-job.json"));
        TestJob written = TestJob.fromJson(Json.read(Files.readAllBytes(out.resolve("cikit-job.json"))), dir);
        assertThat(written).isEqualTo(r.context().job());
    }

    @Test
    void placeholdersFillTheCommandLineAndAnAbsentOneDropsItsArgument() throws Exception {
        Path s = script("args.sh", "for a in \"$@\"; do echo \"$a\"; done > \"$CIKIT_OUTPUT_DIR/args.txt\"");
        LocalCommandRunner runner = LocalCommandRunner.builder(List.of(s.toString(), "--board", "{BOARD}", "{DTB}",
                "--kernel={KERNEL_IMAGE}", "--dtb={DTB}", "{PARAM_KERNEL_CMDLINE}")).build();

        Ran r = run(runner, job().build());

        assertThat(Files.readAllLines(r.context().outputDirectory().resolve("args.txt")))
                .containsExactly("--board", "rpi-07", "--kernel=" + kernel(), "--dtb=", "quiet loglevel=3");
    }

    @Test
    void anUnknownPlaceholderIsRefusedWhenTheRunnerIsBuilt() {
        assertThatThrownBy(() -> LocalCommandRunner.builder(List.of("/lab/boot.sh", "{KERNAL}")).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("KERNAL");
    }

    @Test
    void aBoardsOwnCommandWinsOverTheDefault() throws Exception {
        Path own = script("own.sh", "echo own > \"$CIKIT_OUTPUT_DIR/who\"");
        Path def = script("default.sh", "echo default > \"$CIKIT_OUTPUT_DIR/who\"");
        LocalCommandRunner runner = LocalCommandRunner.builder(List.of(def.toString())).build();
        Board b = board().toBuilder().attribute(LocalCommandRunner.COMMAND_ATTRIBUTE, own + " {BOARD}").build();

        assertThat(runner.commandFor(b)).containsExactly(own.toString(), "{BOARD}");
        assertThat(runner.commandFor(board())).containsExactly(def.toString());
    }

    @Test
    void exitCodeOneMeansTestFailures() throws Exception {
        RunReport r = run("echo 'tests failed'; exit 1").report();

        assertThat(r.outcome()).isEqualTo(RunOutcome.TEST_FAILURES);
        assertThat(r.reason()).contains("exit code 1: tests failed");
    }

    @Test
    void failedResultsMakeACleanExitATestFailure() throws Exception {
        RunReport r = run("printf 'TAP version 13\\n1..2\\nok 1 a\\nnot ok 2 b\\n' > out.tap; exit 0").report();

        assertThat(r.outcome()).isEqualTo(RunOutcome.TEST_FAILURES);
        assertThat(r.reason()).contains("1 of 2 tests failed");
    }

    @Test
    void otherExitCodesAreInfrastructureErrors() throws Exception {
        RunReport r = run("echo 'fastboot: device not found' >&2; exit 3").report();

        assertThat(r.outcome()).isEqualTo(RunOutcome.INFRA_ERROR);
        assertThat(r.reason()).contains("exit code 3 (infrastructure error)");
        assertThat(Files.readString(r.consoleLog().orElseThrow())).as("stderr is part of the console")
                .contains("fastboot: device not found");
    }

    @Test
    void deathBySignalIsAnInfrastructureError() throws Exception {
        RunReport r = run("kill -9 $$").report();

        assertThat(r.outcome()).isEqualTo(RunOutcome.INFRA_ERROR);
        assertThat(r.reason()).contains("killed by signal 9");
    }

    @Test
    void exitCodesCanBeReassigned() throws Exception {
        LocalCommandRunner runner = LocalCommandRunner.builder(List.of(script("lab.sh", "exit 4").toString()))
                .exitCodes(new ExitCodes(Set.of(0), Set.of(1, 2), Set.of(4))).build();

        assertThat(run(runner, job().build()).report().outcome()).isEqualTo(RunOutcome.JOB_ERROR);
        assertThatThrownBy(() -> new ExitCodes(Set.of(0), Set.of(0), Set.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPanicOnTheConsoleMakesACleanExitATestFailure() throws Exception {
        RunReport r = run("""
                echo '[    1.000000] Booting Linux on physical CPU 0x0'
                echo '[    2.000000] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)'
                echo '[    2.000001] CPU: 0 PID: 1 Comm: swapper/0 Not tainted 6.1.0 #1'
                echo '[    2.000002] ---[ end Kernel panic - not syncing: VFS: Unable to mount root fs ]---'
                exit 0
                """).report();

        assertThat(r.outcome()).isEqualTo(RunOutcome.TEST_FAILURES);
        assertThat(r.reason()).hasValueSatisfying(s -> assertThat(s).contains("KERNEL_PANIC").contains("VFS"));
        assertThat(r.console().orElseThrow().incidents()).extracting(i -> i.kind()).containsExactly(IncidentKind.KERNEL_PANIC);
    }

    @Test
    void cancellingAHangingScriptKillsItAndItsChildren() throws Exception {
        LocalCommandRunner runner = LocalCommandRunner.builder(List.of(script("hang.sh", """
                sleep 1000 &
                echo $! > "$CIKIT_OUTPUT_DIR/child.pid"
                echo $$ > "$CIKIT_OUTPUT_DIR/parent.pid"
                echo waiting for a board that never answers
                wait
                """).toString())).killGrace(Duration.ofSeconds(2)).build();
        Ran r = start(runner, job().build());
        long child = pid(r.context().outputDirectory().resolve("child.pid"));
        long parent = pid(r.context().outputDirectory().resolve("parent.pid"));
        assertThat(alive(child)).isTrue();

        r.handle().cancel();
        RunReport report = r.handle().result().get(20, TimeUnit.SECONDS);

        assertThat(report.outcome()).isEqualTo(RunOutcome.STOPPED);
        assertThat(report.reason()).contains("stopped: cancelled");
        assertThat(alive(child)).isFalse();
        assertThat(alive(parent)).isFalse();
        assertThat(Files.readString(report.consoleLog().orElseThrow())).contains("waiting for a board");
    }

    @Test
    void aChildThatIgnoresSigtermIsKilledAfterTheGrace() throws Exception {
        LocalCommandRunner runner = LocalCommandRunner.builder(List.of(script("stubborn.sh", """
                trap '' TERM
                sleep 1000 &
                echo $! > "$CIKIT_OUTPUT_DIR/child.pid"
                while :; do sleep 1; done
                """).toString())).killGrace(Duration.ofMillis(300)).build();
        Ran r = start(runner, job().build());
        long child = pid(r.context().outputDirectory().resolve("child.pid"));

        r.handle().cancel();

        assertThat(r.handle().result().get(20, TimeUnit.SECONDS).outcome()).isEqualTo(RunOutcome.STOPPED);
        assertThat(alive(child)).isFalse();
    }

    @Test
    void childrenLeftRunningAfterTheScriptExitsAreKilled() throws Exception {
        RunReport r = run("""
                ( sleep 1000; echo never ) &
                echo $! > "$CIKIT_OUTPUT_DIR/child.pid"
                echo done
                exit 0
                """).report();

        Path pidFile = r.consoleLog().orElseThrow().resolveSibling("child.pid");
        assertThat(r.outcome()).isEqualTo(RunOutcome.COMPLETE);
        assertThat(r.details()).containsKey("leftoverProcessesKilled");
        assertThat(alive(pid(pidFile))).isFalse();
    }

    @Test
    void megabytesOfOutputKeepHeadAndTailOnDiskAndAreAllAnalysed() throws Exception {
        LocalCommandRunner runner = LocalCommandRunner.builder(List.of(script("chatty.sh", """
                echo '[    0.000000] Booting Linux on physical CPU 0x0'
                yes 'serial console noise that goes on and on and on for a very long time, line after line' | head -c 30000000
                echo
                echo '[  999.000000] Kernel panic - not syncing: Attempted to kill init! exitcode=0x0000000b'
                echo 'last line'
                """).toString())).consoleLimits(new ConsoleLimits(64 * 1024, 64 * 1024)).build();

        RunReport r = run(runner, job().build()).report();

        Path log = r.consoleLog().orElseThrow();
        assertThat(Files.size(log)).isBetween(128L * 1024, 129L * 1024);
        String text = Files.readString(log, StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("[    0.000000] Booting Linux").contains("bytes omitted]").endsWith("last line\n");
        assertThat(r.console().orElseThrow().bytes()).isGreaterThan(30_000_000L);
        assertThat(r.console().orElseThrow().incidents()).extracting(i -> i.kind())
                .containsExactly(IncidentKind.KERNEL_PANIC);
        assertThat(r.outcome()).isEqualTo(RunOutcome.TEST_FAILURES);
    }

    @Test
    void aMissingLocalArtifactIsAJobErrorBeforeAnythingRuns() throws Exception {
        Path marker = dir.resolve("ran");
        LocalCommandRunner runner = LocalCommandRunner.builder(List.of(script("lab.sh", "touch " + marker).toString()))
                .build();

        RunReport r = run(runner, job().dtb(dir.resolve("missing.dtb").toUri()).build()).report();

        assertThat(r.outcome()).isEqualTo(RunOutcome.JOB_ERROR);
        assertThat(r.reason()).hasValueSatisfying(s -> assertThat(s).contains("device tree not found"));
        assertThat(marker).doesNotExist();
    }

    @Test
    void aCommandThatCannotStartIsAnInfrastructureError() throws Exception {
        RunReport r = run(LocalCommandRunner.builder(List.of(dir.resolve("no-such-script").toString())).build(),
                job().build()).report();

        assertThat(r.outcome()).isEqualTo(RunOutcome.INFRA_ERROR);
        assertThat(r.reason()).hasValueSatisfying(s -> assertThat(s).startsWith("cannot start"));
    }

    @Test
    void brokenResultFilesBecomeErrorsAndOtherXmlIsIgnored() throws Exception {
        RunReport r = run("""
                printf '<testsuite name="x"><testcase name="a">' > junit.xml
                printf '<config><board/></config>' > settings.xml
                printf '<!DOCTYPE x [<!ENTITY e "e">]><testsuite/>' > evil.xml
                exit 0
                """).report();

        assertThat(r.tests()).extracting(TestResult::path).containsExactly("evil.xml", "junit.xml");
        assertThat(r.tests()).allSatisfy(t -> assertThat(t.status()).isEqualTo(TestStatus.ERROR));
        assertThat(r.outcome()).isEqualTo(RunOutcome.TEST_FAILURES);
    }

    @Test
    void theLeaseIsRenewedWhileTheScriptRuns() throws Exception {
        LocalCommandRunner runner = LocalCommandRunner.builder(List.of(script("slow.sh", "sleep 2").toString())).build();
        Path out = Files.createDirectories(dir.resolve("lease"));
        Lease lease = new Lease("rpi-07", "job-1", 1, Duration.ofSeconds(1), Clock.systemUTC());
        RunContext ctx = new RunContext(job().build(), board(), 1, lease, out, Instant.now().plusSeconds(60), threads,
                Clock.systemUTC());

        RunReport r = runner.start(ctx).result().get(30, TimeUnit.SECONDS);

        assertThat(r.outcome()).isEqualTo(RunOutcome.COMPLETE);
        assertThat(lease.expiresAt()).isAfter(lease.acquiredAt().plusMillis(1500));
    }

    @Test
    void throughTheDispatcherAHangingScriptIsKilledAtTheJobTimeout() throws Exception {
        assumeThat(Path.of("/bin/sh")).exists();
        LocalCommandRunner runner = LocalCommandRunner.builder(List.of(script("hang.sh", """
                echo $$ > "$CIKIT_OUTPUT_DIR/parent.pid"
                sleep 1000
                """).toString())).killGrace(Duration.ofMillis(500)).build();
        try (Dispatcher d = Dispatcher.builder(BoardPool.of(List.of(board()))).runner(runner).workDirectory(dir.resolve("work"))
                .tickInterval(Duration.ofMillis(50)).meterRegistry(new SimpleMeterRegistry()).build()) {
            JobHandle h = d.submit(job().timeout(Duration.ofSeconds(1)).build());

            JobResult r = h.result().get(30, TimeUnit.SECONDS);

            assertThat(r.outcome()).isEqualTo(JobOutcome.TIMEOUT);
            assertThat(r.consoleLog()).isPresent();
            assertThat(alive(pid(r.attempts().get(0).outputDirectory().resolve("parent.pid")))).isFalse();
        }
    }
}
