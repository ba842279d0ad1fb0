package io.cikit.core.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cikit.core.config.ConfigurationException;
import io.cikit.core.config.ProviderConfig;
import io.cikit.core.spi.Providers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lab files, runner providers, and the one call behind {@code cikit dispatch run}. */
class LabTest {
    @TempDir
    Path dir;

    private void script(String relative, String body) throws Exception {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void runOnceRunsAJobFromFilesAndRendersTheResult() throws Exception {
        script("scripts/boot.sh", """
                echo "[    0.000000] Linux version 6.1.0 on $CIKIT_BOARD"
                printf 'KTAP version 1\\n1..1\\nok 1 smoke # board %s\\n' "$1" > smoke.ktap
                """);
        Files.write(dir.resolve("Image"), new byte[] {1});
        Files.writeString(dir.resolve("boards.json"), """
                {"boards": [{"id": "rpi-1", "type": "rpi4", "arch": "arm64", "runner": "local", "tags": ["usb"]},
                            {"id": "vm-1", "type": "qemu-x86_64", "arch": "x86_64", "runner": "qemu"}],
                 "runners": {"local": {"command": "scripts/boot.sh {BOARD}", "kill-grace": "2s"},
                             "qemu": {"accel": "tcg", "memory": "1G"}},
                 "dispatcher": {"workDirectory": "runs", "maxQueued": 10, "leaseDuration": "2m"}}
                """);
        Files.writeString(dir.resolve("job.json"), """
                {"id": "smoke-1", "name": "smoke", "selector": {"type": "rpi4", "tags": ["usb"]},
                 "kernelImage": "Image", "timeout": "1m",
                 "origin": {"repository": "acme/linux", "commit": "0123abc"}}
                """);

        ObjectNode json = Lab.runOnce(dir.resolve("boards.json"), dir.resolve("job.json")).toJson();

        assertThat(json.get("outcome").asText()).isEqualTo("COMPLETE");
        assertThat(json.get("board").get("id").asText()).isEqualTo("rpi-1");
        assertThat(json.get("results").get(0).get("path").asText()).isEqualTo("smoke");
        assertThat(json.get("results").get(0).get("message").asText()).contains("board rpi-1");
        assertThat(json.get("summary").get("passed").asInt()).isEqualTo(1);
        assertThat(json.get("consoleLog").asText()).startsWith(dir.resolve("runs").toString());
        assertThat(json.get("lastStage").asText()).isEqualTo("KERNEL_STARTED");
        assertThat(json.get("origin").get("commit").asText()).isEqualTo("0123abc");
        assertThat(json.get("details").get("exitCode").asText()).isEqualTo("0");
    }

    @Test
    void aBareArrayOfBoardsIsALabToo() throws Exception {
        Files.writeString(dir.resolve("boards.json"), "[{\"id\": \"b\", \"type\": \"t\", \"runner\": \"qemu\"}]");

        try (Lab lab = Lab.read(dir.resolve("boards.json"))) {
            assertThat(lab.pool().boards()).extracting(Board::id).containsExactly("b");
            assertThat(lab.runners()).containsOnlyKeys("qemu");
            assertThat(lab.boardsByRunner()).containsEntry("qemu", java.util.List.of("b"));
        }
    }

    @Test
    void aRunnerThatIsNotOnTheClassPathIsNamedWithItsArtifact() throws Exception {
        Files.writeString(dir.resolve("boards.json"), "[{\"id\": \"b\", \"type\": \"t\", \"runner\": \"lava\"}]");

        assertThatThrownBy(() -> Lab.read(dir.resolve("boards.json"))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("`lava` hardware runner requested but io.cikit:ci-runner-lava is not on the classpath")
                .hasMessageContaining("available: local, qemu");
    }

    @Test
    void malformedLabFilesAreRefusedWithTheirPlace() throws Exception {
        Files.writeString(dir.resolve("a.json"), "{\"boards\": {}}");
        Files.writeString(dir.resolve("b.json"), "[{\"id\": \"b\", \"type\": \"t\"}, {\"id\": \"b\", \"type\": \"t\"}]");
        Files.writeString(dir.resolve("c.json"), "[{\"id\": \"b\"");
        Files.writeString(dir.resolve("d.json"), "[{\"id\": \"b\", \"type\": \"t\"}]");
        Files.writeString(dir.resolve("job.json"), "{\"kernelImage\": \"k\"}");

        assertThatThrownBy(() -> Lab.read(dir.resolve("a.json"))).isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("expected an array of boards");
        assertThatThrownBy(() -> Lab.read(dir.resolve("b.json"))).isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("boards[1]").hasMessageContaining("already in the pool");
        assertThatThrownBy(() -> Lab.read(dir.resolve("c.json"))).isInstanceOf(InvalidDefinitionException.class);
        assertThatThrownBy(() -> Lab.read(dir.resolve("missing.json"))).isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("cannot read");
        assertThatCode(() -> Lab.read(dir.resolve("d.json")).dispatcher()).as("a local runner with no command yet")
                .doesNotThrowAnyException();
        Files.writeString(dir.resolve("e.json"), "{\"boards\": [], \"dispatcher\": {\"maxQueued\": 0}}");
        assertThatThrownBy(() -> Lab.read(dir.resolve("e.json")).dispatcher()).isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("maxQueued");
    }

    @Test
    void aHealthCheckJobInTheFileRunsOnNewBoardsFirst() throws Exception {
        script("boot.sh", "echo \"$CIKIT_JOB_NAME\" >> \"" + dir.resolve("ran.txt") + "\"");
        Files.write(dir.resolve("Image"), new byte[] {1});
        Files.writeString(dir.resolve("boards.json"), """
                {"boards": [{"id": "b", "type": "t"}], "runners": {"local": {"command": "./boot.sh"}},
                 "healthCheck": {"name": "known good kernel", "kernelImage": "Image"}}
                """);
        Files.writeString(dir.resolve("job.json"), "{\"name\": \"the job\", \"kernelImage\": \"Image\"}");

        JobResult r = Lab.runOnce(dir.resolve("boards.json"), dir.resolve("job.json"));

        assertThat(r.outcome()).isEqualTo(JobOutcome.COMPLETE);
        assertThat(Files.readAllLines(dir.resolve("ran.txt"))).containsExactly("health check of b", "the job");
    }

    @Test
    void theBuiltInProvidersAreDiscoveredAndReadTheirKeys() {
        Providers<HardwareRunnerProvider> providers = Providers.discover(HardwareRunnerProvider.class,
                HardwareRunnerProvider::name);
        assertThat(providers.names()).contains("local", "qemu");

        HardwareRunner local = providers.find("local").orElseThrow().create(ProviderConfig.of(Map.of(
                "command", "/lab/boot.sh {BOARD}", "exit-test-failures", "1,2", "exit-job-errors", "9")::get));
        assertThat(local.name()).isEqualTo("local");
        assertThat(((LocalCommandRunner) local).commandFor(Board.builder("b", "t").build()))
                .containsExactly("/lab/boot.sh", "{BOARD}");
        assertThatThrownBy(() -> providers.find("local").orElseThrow().create(ProviderConfig.of(Map.of(
                "exit-ok", "0,1")::get))).isInstanceOf(ConfigurationException.class).hasMessageContaining("two meanings");
        assertThatThrownBy(() -> providers.find("local").orElseThrow().create(ProviderConfig.of(Map.of(
                "exit-ok", "zero")::get))).isInstanceOf(ConfigurationException.class).hasMessageContaining("zero");
        assertThatThrownBy(() -> providers.find("qemu").orElseThrow().create(ProviderConfig.of(Map.of(
                "boot-timeout", "forever")::get))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("boot-timeout");
    }
}
