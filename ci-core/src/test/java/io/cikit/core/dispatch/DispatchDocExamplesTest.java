package io.cikit.core.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The code in docs/dispatch.md, compiled and run. */
class DispatchDocExamplesTest {
    @TempDir
    Path dir;

    @Test
    void theJavaExampleRuns() throws Exception {
        Path script = dir.resolve("flash-and-boot.sh");
        Files.writeString(script, "#!/bin/sh\nprintf 'KTAP version 1\\n1..1\\nok 1 probe\\n' > probe.ktap\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path kernel = Files.write(dir.resolve("Image"), new byte[] {1});
        Path work = dir.resolve("runs");

        // --- docs/dispatch.md: "In Java"
        BoardPool pool = BoardPool.of(List.of(
                Board.builder("rpi4-01", "rpi4").arch("arm64").tag("usb").attribute("ram_gb", "4").build(),
                Board.builder("rpi4-02", "rpi4").arch("arm64").tag("usb").attribute("ram_gb", "8").build()));
        LocalCommandRunner lab = LocalCommandRunner.builder(List.of(script.toString(), "{BOARD}", "{KERNEL_IMAGE}"))
                .build();
        try (Dispatcher dispatcher = Dispatcher.builder(pool).runner(lab).workDirectory(work)
                .meterRegistry(new SimpleMeterRegistry()).build()) {
            TestJob job = TestJob.builder(kernel)
                    .name("usb smoke")
                    .selector(BoardSelector.builder().type("rpi4").tag("usb")
                            .attribute("ram_gb", AttributeMatcher.Range.atLeast(8)).build())
                    .timeout(Duration.ofMinutes(20))
                    .priority(80)
                    .origin(JobOrigin.of("acme/linux", "4f2c1e0", "ci-1234"))
                    .build();
            JobHandle handle = dispatcher.submit(job);
            JobResult result = handle.result().join();
            System.out.println(result.outcome() + " on " + result.board().map(Board::id).orElse("no board"));
            // --- end
            assertThat(result.outcome()).isEqualTo(JobOutcome.COMPLETE);
            assertThat(result.board()).map(Board::id).contains("rpi4-02");
            assertThat(result.tests()).hasSize(1);
        }
    }

    @Test
    void theCommandLineCallRuns() throws Exception {
        Path script = dir.resolve("boot.sh");
        Files.writeString(script, "#!/bin/sh\necho booted\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.write(dir.resolve("Image"), new byte[] {1});
        Path boardsFile = Files.writeString(dir.resolve("boards.json"), """
                {"boards": [{"id": "rpi4-01", "type": "rpi4", "arch": "arm64", "runner": "local"}],
                 "runners": {"local": {"command": "./boot.sh {BOARD}"}}}
                """);
        Path jobFile = Files.writeString(dir.resolve("job.json"), "{\"kernelImage\": \"Image\"}");

        // --- docs/dispatch.md: "cikit dispatch run"
        ObjectNode json = Lab.runOnce(boardsFile, jobFile).toJson();
        // --- end

        assertThat(json.get("outcome").asText()).isEqualTo("COMPLETE");
    }
}
