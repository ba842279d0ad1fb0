package io.cikit.core.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.cikit.core.json.Json;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleLogAnalyzerTest {

    @Test
    void everyKernelIncidentKindIsFoundOnceWithItsWholeReport() {
        String log = Fixtures.text("log/x86-incidents.log");

        LogAnalysis a = analyze(log);

        assertThat(a.incidents()).extracting(LogIncident::kind, LogIncident::line).containsExactly(
                tuple(IncidentKind.WARNING, lineOf(log, "[ cut here ]", 1)),
                tuple(IncidentKind.KASAN, lineOf(log, "BUG: KASAN:", 1)),
                tuple(IncidentKind.UBSAN, lineOf(log, "UBSAN:", 1)),
                tuple(IncidentKind.KCSAN, lineOf(log, "BUG: KCSAN:", 1)),
                tuple(IncidentKind.KFENCE, lineOf(log, "BUG: KFENCE:", 1)),
                tuple(IncidentKind.BUG, lineOf(log, "[ cut here ]", 2)),
                tuple(IncidentKind.NULL_POINTER, lineOf(log, "BUG: kernel NULL pointer dereference", 1)),
                tuple(IncidentKind.GENERAL_PROTECTION, lineOf(log, "general protection fault", 1)),
                tuple(IncidentKind.SOFT_LOCKUP, lineOf(log, "soft lockup", 1)),
                tuple(IncidentKind.HUNG_TASK, lineOf(log, "blocked for more than", 1)),
                tuple(IncidentKind.RCU_STALL, lineOf(log, "detected stalls", 1)),
                tuple(IncidentKind.OOM, lineOf(log, "invoked oom-killer", 1)));
        assertThat(a.incidents()).noneMatch(LogIncident::fatal);

        LogIncident warning = a.incidents().get(0);
        assertThat(warning.summary()).startsWith("WARNING: CPU: 0 PID: 1 at drivers/gpu/drm/drm_fb_helper.c:1034");
        assertThat(warning.trace()).first().asString().contains("[ cut here ]");
        assertThat(warning.trace()).contains("Modules linked in:", "Call Trace:", " process_one_work+0x174/0x340")
                .last().asString().startsWith("---[ end trace");
        assertThat(warning.trace()).noneMatch(l -> l.contains("pci 0000:00:01.0"));

        LogIncident kasan = a.incidents().get(1);
        assertThat(kasan.summary()).isEqualTo("BUG: KASAN: slab-use-after-free in virtnet_poll+0x2a4/0x3c0");
        assertThat(kasan.trace()).contains("Freed by task 14:").last().asString().startsWith("=====");
        assertThat(kasan.trace()).noneMatch(l -> l.contains("Disabling lock debugging"));

        LogIncident bug = a.incidents().get(5);
        assertThat(bug.summary()).isEqualTo("kernel BUG at mm/slub.c:4123!");
        assertThat(bug.trace()).anyMatch(l -> l.startsWith("invalid opcode"));

        LogIncident nullDeref = a.incidents().get(6);
        assertThat(nullDeref.trace()).anyMatch(l -> l.startsWith("Oops: 0000 [#2]"))
                .anyMatch(l -> l.startsWith("Modules linked in: foo(+)"));

        LogIncident oom = a.incidents().get(11);
        assertThat(oom.trace()).last().asString().startsWith("Out of memory: Killed process 530");
        LogIncident lockup = a.incidents().get(8);
        assertThat(lockup.trace()).noneMatch(l -> l.contains("systemd-journald"));
        assertThat(a.incidents().get(9).trace()).anyMatch(l -> l.startsWith("\"echo 0 >"));
        assertThat(a.incidents().get(10).trace()).anyMatch(l -> l.startsWith("NMI backtrace for cpu 1"));
    }

    @Test
    void bootStagesOfAQemuBootEndAtTheLoginPrompt() {
        String log = Fixtures.text("log/x86-incidents.log");

        LogAnalysis a = analyze(log);

        assertThat(a.bootStages()).extracting(BootStageReached::stage, BootStageReached::line).containsExactly(
                tuple(BootStage.BOOTLOADER, 1L),
                tuple(BootStage.KERNEL_STARTED, lineOf(log, "Linux version", 1)),
                tuple(BootStage.INIT, lineOf(log, "Freeing unused kernel", 1)),
                tuple(BootStage.USERSPACE, lineOf(log, "systemd[1]:", 1)),
                tuple(BootStage.LOGIN_PROMPT, lineOf(log, "qemu login:", 1)));
        assertThat(a.lastStage()).contains(BootStage.LOGIN_PROMPT);
        assertThat(a.lines()).isEqualTo(log.split("\n").length);
    }

    @Test
    void aPanicAfterAnOopsInInitIsFatalAndTheBootStoppedAtInit() {
        String log = Fixtures.text("log/arm64-uboot-panic.log");

        LogAnalysis a = analyze(log);

        assertThat(a.incidents()).extracting(LogIncident::kind, LogIncident::fatal).containsExactly(
                tuple(IncidentKind.NULL_POINTER, false), tuple(IncidentKind.KERNEL_PANIC, true));
        LogIncident oops = a.incidents().get(0);
        assertThat(oops.summary()).isEqualTo(
                "Unable to handle kernel NULL pointer dereference at virtual address 0000000000000008");
        assertThat(oops.trace()).anyMatch(l -> l.startsWith("Internal error: Oops:"))
                .anyMatch(l -> l.startsWith("x29: ")).anyMatch(l -> l.equals("Call trace:"))
                .noneMatch(l -> l.contains("\r"));
        LogIncident panic = a.incidents().get(1);
        assertThat(panic.summary()).isEqualTo("Kernel panic - not syncing: Attempted to kill init! exitcode=0x0000000b");
        assertThat(panic.trace()).last().asString().startsWith("---[ end Kernel panic");
        assertThat(a.fatal()).isTrue();
        assertThat(a.bootStages()).extracting(BootStageReached::stage).containsExactly(
                BootStage.BOOTLOADER, BootStage.KERNEL_STARTED, BootStage.INIT);
        assertThat(a.lastStage()).contains(BootStage.INIT);
    }

    @Test
    void aBootLoaderThatCannotLoadTheKernelIsFatalButARetriedDownloadIsNot() {
        String log = Fixtures.text("log/uboot-bad-magic.log");

        LogAnalysis a = analyze(log);

        assertThat(a.incidents()).extracting(LogIncident::kind, LogIncident::summary, LogIncident::fatal)
                .containsExactly(
                        tuple(IncidentKind.BOOTLOADER_ERROR, "Retry count exceeded; starting again", false),
                        tuple(IncidentKind.BOOTLOADER_ERROR, "Bad Linux ARM64 Image magic!", true));
        assertThat(a.incidents().get(1).line()).isEqualTo(lineOf(log, "Bad Linux ARM64", 1));
        assertThat(a.lastStage()).contains(BootStage.BOOTLOADER);
    }

    @Test
    void theVfsPanicWithCallerIdsIsFoundAndTheKernelStageIsTheLast() {
        String log = Fixtures.text("log/qemu-vfs-panic.log");

        LogAnalysis a = analyze(log);

        assertThat(a.incidents()).hasSize(1);
        LogIncident panic = a.incidents().get(0);
        assertThat(panic.kind()).isEqualTo(IncidentKind.KERNEL_PANIC);
        assertThat(panic.fatal()).isTrue();
        assertThat(panic.line()).isEqualTo(6);
        assertThat(panic.summary()).isEqualTo("Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)");
        assertThat(panic.trace()).hasSize(11).contains(" dump_stack_lvl+0x44/0x5c");
        assertThat(a.lastStage()).contains(BootStage.KERNEL_STARTED);
    }

    @Test
    void aShellPromptWithoutNewlineAtTheEndCountsAsLoginPrompt() {
        LogAnalysis a = analyze(Fixtures.text("log/busybox-prompt.log"));

        assertThat(a.bootStages()).extracting(BootStageReached::stage).containsExactly(
                BootStage.KERNEL_STARTED, BootStage.INIT, BootStage.USERSPACE, BootStage.LOGIN_PROMPT);
        assertThat(a.bootStages().get(3).line()).isEqualTo(7);
        assertThat(a.incidents()).isEmpty();
    }

    @Test
    void aLiveConsoleFedInPiecesReportsThePromptAndThePanicAsTheyHappen() {
        List<String> events = new ArrayList<>();
        ConsoleLogAnalyzer live = ConsoleLogAnalyzer.create(LogLimits.DEFAULT, new ConsoleLogAnalyzer.Listener() {
            @Override
            public void incidentStarted(IncidentKind kind, long line, String summary) {
                events.add("start " + kind + "@" + line);
            }

            @Override
            public void incidentCompleted(LogIncident incident) {
                events.add("done " + incident.kind());
            }

            @Override
            public void stageReached(BootStageReached stage) {
                events.add(stage.stage() + "@" + stage.line());
            }
        });

        live.feed("[    0.000000] Linux version 6.6.0 #1\n[    1.0] Run /init as init pro".getBytes(StandardCharsets.UTF_8));
        assertThat(events).containsExactly("KERNEL_STARTED@1");
        live.feed("cess\nbuildroot login: ");
        assertThat(events).containsExactly("KERNEL_STARTED@1", "INIT@2");
        live.quiet();
        assertThat(events).containsExactly("KERNEL_STARTED@1", "INIT@2", "LOGIN_PROMPT@3");
        assertThat(live.currentStage()).contains(BootStage.LOGIN_PROMPT);
        live.feedLine("");
        live.feedLine("[   9.000000] Kernel panic - not syncing: sysrq triggered crash");
        assertThat(events).last().isEqualTo("start KERNEL_PANIC@4");
        LogAnalysis a = live.finish();
        assertThat(events).last().isEqualTo("done KERNEL_PANIC");
        assertThat(a.bootStages()).extracting(BootStageReached::stage).containsExactly(BootStage.KERNEL_STARTED,
                BootStage.INIT, BootStage.LOGIN_PROMPT);
        assertThat(live.finish()).isEqualTo(a);
        assertThatThrownBy(() -> live.feed(new byte[] {'x'})).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRebootStartsTheStagesOverAndTheLastBootDecides() {
        String log = """
                U-Boot 2024.01 (Feb 02 2024)
                Starting kernel ...
                [    0.000000] Booting Linux on physical CPU 0x0
                [    1.000000] Run /init as init process
                [    5.000000] reboot: Restarting system
                U-Boot 2024.01 (Feb 02 2024)
                [    0.000000] Linux version 6.6.0 #1
                """;

        LogAnalysis a = analyze(log);

        assertThat(a.bootStages()).extracting(BootStageReached::stage, BootStageReached::line).containsExactly(
                tuple(BootStage.BOOTLOADER, 1L), tuple(BootStage.KERNEL_STARTED, 3L), tuple(BootStage.INIT, 4L),
                tuple(BootStage.BOOTLOADER, 6L), tuple(BootStage.KERNEL_STARTED, 7L));
        assertThat(a.lastStage()).contains(BootStage.KERNEL_STARTED);
    }

    @Test
    void aWarningWithItsOwnTextBeforeTheWarningLineAndABareStackDump() {
        String log = """
                [    1.000000] ------------[ cut here ]------------
                [    1.000001] refcount_t: underflow; use-after-free.
                [    1.000002] WARNING: CPU: 1 PID: 7 at lib/refcount.c:28 refcount_warn_saturate+0xba/0x110
                [    1.000003] Call Trace:
                [    1.000004]  dput+0x1c/0x40
                [    1.000005] ---[ end trace 0000000000000000 ]---
                [    2.000000] foo: firmware did something odd
                [    2.000001] CPU: 0 PID: 9 Comm: kworker/0:1 Not tainted 6.6.0 #1
                [    2.000002] Call Trace:
                [    2.000003]  <TASK>
                [    2.000004]  foo_handler+0x10/0x20
                [    2.000005]  </TASK>
                [    2.000006] foo: recovered
                """;

        LogAnalysis a = analyze(log);

        assertThat(a.incidents()).extracting(LogIncident::kind, LogIncident::line, LogIncident::summary).containsExactly(
                tuple(IncidentKind.WARNING, 1L, "WARNING: CPU: 1 PID: 7 at lib/refcount.c:28 refcount_warn_saturate+0xba/0x110"),
                tuple(IncidentKind.WARNING, 9L, "stack dump without a report header: Call Trace:"));
        assertThat(a.incidents().get(0).trace()).contains("refcount_t: underflow; use-after-free.");
        assertThat(a.incidents().get(1).trace()).containsExactly("Call Trace:", " <TASK>", " foo_handler+0x10/0x20",
                " </TASK>");
    }

    @Test
    void timestampsCallerIdsAndCarriageReturnsAreTolerated() {
        String log = "<4>[  123.456789][ T4242] WARNING: CPU: 3 PID: 4242 at x.c:1 f+0x1/0x2\r\n"
                + "[  123.456790][    C3] ---[ end trace 0000000000000000 ]---\r\n";

        LogAnalysis a = analyze(log);

        assertThat(a.incidents()).singleElement().satisfies(i -> {
            assertThat(i.summary()).isEqualTo("WARNING: CPU: 3 PID: 4242 at x.c:1 f+0x1/0x2");
            assertThat(i.trace()).containsExactly("WARNING: CPU: 3 PID: 4242 at x.c:1 f+0x1/0x2",
                    "---[ end trace 0000000000000000 ]---");
        });
    }

    @Test
    void ordinaryMentionsOfTheWordsAreNotIncidents() {
        String log = """
                [    0.100000] Kernel command line: console=ttyS0 oops=panic
                [    0.200000] Unable to find swap-space signature
                [    0.300000] systemd[1]: Starting WARNING-free unit...
                [    0.400000] audit: type=1400 audit(0.4:2): apparmor="STATUS" operation="profile_load" name="BUGS"
                [    0.500000] Out of mind, not memory
                """;

        assertThat(analyze(log).incidents()).isEmpty();
    }

    @Test
    void limitsBoundIncidentsTracesAndLines() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            sb.append("WARNING: CPU: 0 PID: ").append(i).append(" at x.c:1 f\n");
            for (int k = 0; k < 100; k++) {
                sb.append(" frame_").append(k).append("+0x1/0x2\n");
            }
            sb.append("---[ end trace ]---\n");
        }
        sb.append("BUG: ").append("x".repeat(100_000)).append('\n');
        LogLimits small = new LogLimits(10, 8, 256, 64, 400, 4);
        ConsoleLogAnalyzer analyzer = ConsoleLogAnalyzer.create(small, new ConsoleLogAnalyzer.Listener() {
        });

        analyzer.feed(sb);
        LogAnalysis a = analyzer.finish();

        assertThat(a.incidents()).hasSize(10);
        assertThat(a.droppedIncidents()).isEqualTo(41);
        assertThat(a.incidents()).allSatisfy(i -> {
            assertThat(i.trace()).hasSizeLessThanOrEqualTo(8);
            assertThat(i.trace()).allSatisfy(l -> assertThat(l).hasSizeLessThanOrEqualTo(64));
        });
        assertThat(a.incidents().get(0).trace()).last().isEqualTo("... (95 more lines)");
    }

    @Test
    void theOneCallFormsAgreeAndPrintTheCommandLineJson(@TempDir Path dir) throws Exception {
        String log = Fixtures.text("log/arm64-uboot-panic.log");
        Path file = dir.resolve("console.log");
        Files.writeString(file, log);

        LogAnalysis fromPath = ConsoleLogAnalyzer.analyze(file);
        LogAnalysis fromReader = ConsoleLogAnalyzer.analyze(new StringReader(log));

        assertThat(fromReader).isEqualTo(fromPath);
        JsonNode json = Json.read(Json.write(fromPath.toJson()));
        assertThat(json.get("incidents").get(1).get("kind").asText()).isEqualTo("KERNEL_PANIC");
        assertThat(json.get("incidents").get(1).get("fatal").asBoolean()).isTrue();
        assertThat(json.get("incidents").get(1).get("line").asLong()).isEqualTo(lineOf(log, "Kernel panic", 1));
        assertThat(json.get("incidents").get(0).get("trace").get(0).asText()).startsWith("Unable to handle kernel");
        assertThat(json.get("bootStages").get(0).get("stage").asText()).isEqualTo("BOOTLOADER");
        assertThat(json.get("bootStages").get(0).get("line").asLong()).isEqualTo(1);
        assertThat(json.get("lastStage").asText()).isEqualTo("INIT");
        assertThat(Json.read(Json.write(analyze("").toJson())).get("lastStage").isNull()).isTrue();
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("incidents", "bootStages", "lastStage");
    }

    @Test
    void aHugeLineWithoutTerminatorCostsBoundedMemory() {
        InputStream in = new java.io.SequenceInputStream(
                new ByteArrayInputStream("Kernel panic - not syncing: ".getBytes(StandardCharsets.UTF_8)),
                new KtapParserTest.RepeatingStream('y', 300L * 1024 * 1024));

        LogAnalysis a = ConsoleLogAnalyzer.analyze(in);

        assertThat(a.lines()).isEqualTo(1);
        assertThat(a.bytes()).isEqualTo(300L * 1024 * 1024 + 28);
        assertThat(a.incidents()).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(IncidentKind.KERNEL_PANIC);
            assertThat(i.summary()).hasSize(LogLimits.DEFAULT.maxLineChars());
        });
    }

    static LogAnalysis analyze(String log) {
        return ConsoleLogAnalyzer.analyze(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)));
    }

    /** The 1-based number of the n-th line containing text. */
    static long lineOf(String log, String text, int nth) {
        String[] lines = log.split("\n", -1);
        int seen = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(text) && ++seen == nth) {
                return i + 1;
            }
        }
        throw new AssertionError("no line " + nth + " with " + text);
    }
}
