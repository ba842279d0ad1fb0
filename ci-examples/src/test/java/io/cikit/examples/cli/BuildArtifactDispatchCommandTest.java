package io.cikit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildArtifactDispatchCommandTest {
    @TempDir
    Path dir;

    @Test
    void buildParseReadsAFinalizedJenkinsNotification() throws IOException {
        Path file = Files.write(dir.resolve("n.json"), resource("/jenkins/notification.finalized.json"));

        CliRun run = CliRun.of("build", "parse", "--provider", "jenkins", file.toString());

        assertThat(run.exit()).isZero();
        JsonNode json = run.json();
        assertThat(json.path("system").asText()).isEqualTo("jenkins");
        assertThat(json.path("complete").asBoolean()).isTrue();
        for (String field : new String[] {"buildId", "job", "status", "type", "commitSha", "branch", "url", "startedAt",
                "finishedAt", "artifacts", "kernelImage", "bspPackage"}) {
            assertThat(json.has(field)).as(field).isTrue();
        }
    }

    @Test
    void buildParseReadsAnActionsWorkflowRun() throws IOException {
        Path file = Files.write(dir.resolve("r.json"), resource("/github/workflow_run.completed.json"));

        CliRun run = CliRun.of("build", "parse", "--provider", "actions", file.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.json().path("system").asText()).isEqualTo("actions");
        assertThat(run.json().path("commitSha").asText()).hasSize(40);
    }

    @Test
    void buildParseOfSomethingElseIsJudgedBad() throws IOException {
        Path file = Files.writeString(dir.resolve("x.json"), "{\"hello\":1}");

        assertThat(CliRun.of("build", "parse", "--provider", "gitlab", file.toString()).exit()).isEqualTo(1);
    }

    @Test
    void artifactInspectReadsAnArm64ImageFromItsBytes() throws IOException {
        byte[] image = new byte[4096];
        image[0x38] = 'A';
        image[0x39] = 'R';
        image[0x3A] = 'M';
        image[0x3B] = 0x64;
        byte[] banner = "Linux version 6.6.1-lab (builder@ci) (gcc 13) #1 SMP".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(banner, 0, image, 1024, banner.length);
        Path file = Files.write(dir.resolve("weird-name.bin"), image);

        CliRun run = CliRun.of("artifact", "inspect", file.toString());

        assertThat(run.exit()).isZero();
        JsonNode report = run.json().get(0);
        assertThat(report.path("kind").asText()).isEqualTo("kernel_image");
        assertThat(report.path("arch").asText()).isEqualTo("arm64");
        assertThat(report.path("version").asText()).isEqualTo("6.6.1-lab");
        assertThat(report.path("sha256").asText()).hasSize(64);
    }

    @Test
    void artifactScanRefusesAPathTraversalArchiveWithExitOne() throws IOException {
        Path tar = dir.resolve("evil.tar");
        try (OutputStream out = Files.newOutputStream(tar); TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
            byte[] data = "x".getBytes(StandardCharsets.US_ASCII);
            TarArchiveEntry e = new TarArchiveEntry("../../etc/passwd");
            e.setSize(data.length);
            t.putArchiveEntry(e);
            t.write(data);
            t.closeArchiveEntry();
        }

        CliRun run = CliRun.of("artifact", "scan", tar.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.json().path("reason").asText()).isEqualTo("path-traversal");
    }

    @Test
    void dispatchRunRunsAJobOnALocalCommandBoard() throws IOException {
        Path script = Files.writeString(dir.resolve("flash-and-test.sh"), "#!/bin/sh\n"
                + "echo \"booting $CIKIT_BOARD\"\n"
                + "printf 'KTAP version 1\\n1..1\\nok 1 smoke\\n' > \"$CIKIT_OUTPUT_DIR/results.ktap\"\n");
        script.toFile().setExecutable(true);
        Path kernel = Files.writeString(dir.resolve("Image"), "kernel");
        Path lab = Files.writeString(dir.resolve("boards.json"), labJson(script));
        Path job = Files.writeString(dir.resolve("job.json"), "{\"id\":\"job-1\",\"name\":\"smoke\",\"selector\":{\"type\":\"local\"},"
                + "\"kernelImage\":\"" + kernel + "\",\"timeout\":\"60s\"}");

        CliRun run = CliRun.of("dispatch", "run", "--boards", lab.toString(), "--job", job.toString());

        assertThat(run.json().path("outcome").asText()).as(run.out() + run.err()).isEqualTo("COMPLETE");
        assertThat(run.exit()).isZero();
    }

    private String labJson(Path script) {
        return "{\"boards\":[{\"id\":\"b1\",\"type\":\"local\",\"arch\":\"x86_64\",\"runner\":\"local\"}],"
                + "\"runners\":{\"local\":{\"command\":\"" + script + "\"}},"
                + "\"dispatcher\":{\"workDirectory\":\"" + dir.resolve("runs") + "\"}}";
    }

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = BuildArtifactDispatchCommandTest.class.getResourceAsStream(path)) {
            return in.readAllBytes();
        }
    }
}
