package io.cikit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsAndLogCommandTest {
    @TempDir
    Path dir;

    @Test
    void resultsParseReadsNestedKtapIntoDotJoinedPathsAndASummary() throws IOException {
        Path ktap = Files.writeString(dir.resolve("kunit.ktap"), String.join("\n",
                "KTAP version 1",
                "1..2",
                "    KTAP version 1",
                "    # Subtest: example",
                "    1..2",
                "    ok 1 test_one",
                "    not ok 2 test_two",
                "not ok 1 example",
                "ok 2 other # SKIP no hardware",
                ""));

        CliRun run = CliRun.of("results", "parse", ktap.toString());

        assertThat(run.exit()).isZero();
        JsonNode json = run.json();
        assertThat(json.path("format").asText()).isEqualTo("ktap");
        assertThat(json.path("results").toString()).contains("example.test_one", "example.test_two");
        assertThat(json.path("summary").path("failed").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(json.path("summary").path("skipped").asInt()).isEqualTo(1);
    }

    @Test
    void resultsParseOfJunitWithADoctypeIsJudgedBad() throws IOException {
        Path xml = Files.writeString(dir.resolve("evil.xml"), "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">]>"
                + "<testsuite><testcase name=\"&lol;\"/></testsuite>");

        CliRun run = CliRun.of("results", "parse", "--format", "junit", xml.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.json().has("error")).isTrue();
    }

    @Test
    void anUnknownFormatIsAUsageError() throws IOException {
        Path f = Files.writeString(dir.resolve("x"), "ok 1");
        assertThat(CliRun.of("results", "parse", "--format", "xunit9", f.toString()).exit()).isEqualTo(2);
    }

    @Test
    void logAnalyzeFindsAPanicAndFailsOnFatalWhenAsked() throws IOException {
        Path log = Files.writeString(dir.resolve("console.log"), String.join("\n",
                "U-Boot 2024.01 (Jan 01 2024 - 00:00:00 +0000)",
                "[    0.000000] Booting Linux on physical CPU 0x0000000000 [0x410fd083]",
                "[    0.000000] Linux version 6.1.0-56-arm64 (debian-kernel@lists.debian.org) #1 SMP",
                "[    1.234567] VFS: Cannot open root device \"vda\" or unknown-block(0,0): error -6",
                "[    1.234600] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)",
                ""));

        CliRun plain = CliRun.of("log", "analyze", log.toString());
        CliRun failing = CliRun.of("log", "analyze", "--fail-on", "fatal", log.toString());

        assertThat(plain.exit()).isZero();
        assertThat(plain.json().path("incidents").get(0).path("kind").asText()).isEqualTo("KERNEL_PANIC");
        assertThat(plain.json().path("incidents").get(0).path("fatal").asBoolean()).isTrue();
        assertThat(plain.json().path("lastStage").isNull()).isFalse();
        assertThat(failing.exit()).isEqualTo(1);
        assertThat(CliRun.of("log", "analyze", "--fail-on", "KASAN", log.toString()).exit()).isZero();
    }
}
