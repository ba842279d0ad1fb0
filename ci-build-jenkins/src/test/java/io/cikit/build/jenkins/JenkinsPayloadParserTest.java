package io.cikit.build.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cikit.core.artifact.ArtifactKind;
import io.cikit.core.build.BuildArtifact;
import io.cikit.core.build.BuildInfo;
import io.cikit.core.build.BuildPayloadParser;
import io.cikit.core.build.BuildStatus;
import io.cikit.core.build.BuildType;
import io.cikit.core.event.BuildEvent;
import io.cikit.core.event.EventContext;
import io.cikit.core.event.Provider;
import io.cikit.core.event.RawPayload;
import io.cikit.core.json.Json;
import io.cikit.core.json.MalformedJsonException;
import io.cikit.core.spi.Providers;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every Jenkins fixture, and the payload shapes docs/build-jenkins.md promises, parse into the right build. */
class JenkinsPayloadParserTest {
    private final JenkinsPayloadParser parser = new JenkinsPayloadParser();

    @Test
    void aFinalizedNotificationIsTheCompleteSuccessfulBuildWithItsArtifacts() {
        BuildEvent event = parser.parseBody(Fixtures.bytes(Fixtures.FINALIZED));
        BuildInfo b = event.build();

        assertThat(b.system()).isEqualTo("jenkins");
        assertThat(b.buildId()).isEqualTo("linux-next-arm64#1234");
        assertThat(b.job()).isEqualTo("linux-next-arm64");
        assertThat(b.number()).hasValue(1234);
        assertThat(b.status()).isEqualTo(BuildStatus.SUCCESS);
        assertThat(b.rawStatus()).isEqualTo("SUCCESS");
        assertThat(b.phase()).contains("FINALIZED");
        assertThat(b.complete()).isTrue();
        assertThat(b.commitSha()).contains("8f2c1d7a9b3e4f5061728394a5b6c7d8e9f01234");
        assertThat(b.branch()).contains("master");
        assertThat(b.metadata()).containsEntry("scm_branch", "origin/master")
                .containsEntry("scm_url", "https://git.example.com/kernel/linux.git")
                .containsEntry("queue_id", "98765")
                .containsEntry("culprits", "Jane Developer")
                .containsEntry("display_name", "linux-next-arm64")
                .containsEntry("test_total", "0");
        assertThat(b.url()).contains("https://jenkins.example.com/job/linux-next-arm64/1234/");
        assertThat(b.startedAt()).contains(Instant.ofEpochMilli(1732170000000L));
        assertThat(b.duration()).contains(Duration.ofMillis(1843000));
        assertThat(b.finishedAt()).contains(Instant.ofEpochMilli(1732170000000L + 1843000));
        assertThat(b.parameters()).containsEntry("ARCH", "arm64").containsEntry("TARGET_BOARD", "rpi4").hasSize(3);
        assertThat(b.type()).isEqualTo(BuildType.OTHER);
        assertThat(b.artifacts()).extracting(BuildArtifact::path).containsExactly("arch/arm64/boot/Image",
                "arch/arm64/boot/Image.gz", ".config", "System.map", "modules.tar.xz",
                "dtbs/broadcom/bcm2711-rpi-4-b.dtb");
        assertThat(b.artifacts().get(1)).satisfies(a -> {
            assertThat(a.name()).isEqualTo("Image.gz");
            assertThat(a.url()).contains(URI.create(
                    "https://jenkins.example.com/job/linux-next-arm64/1234/artifact/arch/arm64/boot/Image.gz"));
            assertThat(a.kind()).isEqualTo(ArtifactKind.KERNEL_IMAGE);
        });
        assertThat(b.artifacts()).as("classified by file name").extracting(BuildArtifact::kind).containsExactly(
                ArtifactKind.KERNEL_IMAGE, ArtifactKind.KERNEL_IMAGE, ArtifactKind.KERNEL_CONFIG, ArtifactKind.SYSTEM_MAP,
                ArtifactKind.MODULES, ArtifactKind.DTB);
        assertThat(event.repository()).hasValueSatisfying(r -> {
            assertThat(r.fullName()).isEqualTo("kernel/linux");
            assertThat(r.cloneUrl()).contains("https://git.example.com/kernel/linux.git");
        });
        assertThat(event.provider()).isEqualTo(Provider.JENKINS);
        assertThat(event.raw().json().path("build").path("log").isTextual()).isTrue();
    }

    @Test
    void aStartedNotificationIsInProgressAndIncomplete() {
        BuildInfo b = parser.parseBody(Fixtures.bytes(Fixtures.STARTED)).build();

        assertThat(b.buildId()).isEqualTo("linux-next-arm64#1235");
        assertThat(b.status()).isEqualTo(BuildStatus.IN_PROGRESS);
        assertThat(b.rawStatus()).isEqualTo("STARTED");
        assertThat(b.phase()).contains("STARTED");
        assertThat(b.complete()).isFalse();
        assertThat(b.startedAt()).contains(Instant.ofEpochMilli(1732173600000L));
        assertThat(b.duration()).as("a running build's duration 0 means not known yet").isEmpty();
        assertThat(b.finishedAt()).isEmpty();
        assertThat(b.commitSha()).contains("0a1b2c3d4e5f60718293a4b5c6d7e8f901234567");
        assertThat(b.artifacts()).isEmpty();
    }

    @Test
    void theSeedFormatKeepsItsMetadataAndTypeAndDerivesArtifactUrls() {
        BuildInfo b = parser.parseBody(Fixtures.bytes(Fixtures.SEED)).build();

        assertThat(b.buildId()).isEqualTo("kernel#1234");
        assertThat(b.job()).as("from the build URL").isEqualTo("kernel");
        assertThat(b.status()).isEqualTo(BuildStatus.SUCCESS);
        assertThat(b.phase()).isEmpty();
        assertThat(b.complete()).as("a report without phases is complete once its status is final").isTrue();
        assertThat(b.type()).isEqualTo(BuildType.FULL_SYSTEM);
        assertThat(b.metadata()).containsEntry("build_type", "full_system").containsEntry("kernel_version", "6.6.52")
                .containsEntry("architecture", "x86_64").containsEntry("target_board", "imx8mp-evk")
                .containsEntry("bsp_version", "scarthgap-5.0.4");
        assertThat(b.commitSha()).contains("abc123def4567890abc123def4567890abc123de");
        assertThat(b.branch()).contains("main");
        assertThat(b.url()).contains("https://jenkins.example.com/job/kernel/1234");
        assertThat(b.startedAt()).contains(Instant.ofEpochMilli(1234567890000L));
        assertThat(b.finishedAt()).contains(Instant.ofEpochMilli(1234567890000L + 300000));
        assertThat(b.artifacts()).hasSize(2);
        assertThat(b.artifacts().get(0)).satisfies(a -> {
            assertThat(a.name()).isEqualTo("bzImage");
            assertThat(a.path()).isEqualTo("arch/x86/boot/bzImage");
            assertThat(a.sizeBytes()).hasValue(8245760);
            assertThat(a.kind()).isEqualTo(ArtifactKind.KERNEL_IMAGE);
            assertThat(a.url()).contains(URI.create("https://jenkins.example.com/job/kernel/1234/artifact/arch/x86/boot/bzImage"));
        });
        assertThat(b.artifacts().get(1).kind()).as("bsp_package is no artifact kind: the file name decides")
                .isEqualTo(ArtifactKind.ROOTFS);
    }

    @Test
    void aGenericBodyWithJenkinsEnvironmentNamesParses() {
        String body = """
                {"JOB_NAME": "bsp/imx8mp", "BUILD_NUMBER": "77", "BUILD_URL": "https://ci.example.com/job/bsp/job/imx8mp/77/",
                 "BUILD_STATUS": "FAILURE", "GIT_COMMIT": "0123456789abcdef0123456789abcdef01234567",
                 "GIT_BRANCH": "refs/heads/scarthgap", "buildType": "bsp", "duration": 60000,
                 "timestamp": "2024-05-01T10:00:00Z", "artifacts": ["deploy/images/imx8mp/u-boot.bin"]}
                """;

        BuildInfo b = parser.parseBody(Fixtures.utf8(body)).build();

        assertThat(b.buildId()).isEqualTo("bsp/imx8mp#77");
        assertThat(b.status()).isEqualTo(BuildStatus.FAILURE);
        assertThat(b.complete()).isTrue();
        assertThat(b.branch()).contains("scarthgap");
        assertThat(b.commitSha()).contains("0123456789abcdef0123456789abcdef01234567");
        assertThat(b.type()).isEqualTo(BuildType.BSP);
        assertThat(b.startedAt()).contains(Instant.parse("2024-05-01T10:00:00Z"));
        assertThat(b.finishedAt()).contains(Instant.parse("2024-05-01T10:01:00Z"));
        assertThat(b.artifacts()).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("u-boot.bin");
            assertThat(a.url()).contains(URI.create(
                    "https://ci.example.com/job/bsp/job/imx8mp/77/artifact/deploy/images/imx8mp/u-boot.bin"));
        });
    }

    @Test
    void aFolderJobIsNamedByItsFullPathFromTheUrl() {
        ObjectNode json = Fixtures.tree(Fixtures.SEED);
        ((ObjectNode) json.get("build")).put("url", "https://ci.example.com/job/kernel/job/linux%20next/9/");
        ((ObjectNode) json.get("build")).put("number", 9);

        BuildInfo b = parser.parseBody(Json.write(json)).build();

        assertThat(b.job()).isEqualTo("kernel/linux next");
        assertThat(b.buildId()).isEqualTo("kernel/linux next#9");
        assertThat(b.artifacts().get(0).url()).contains(URI.create(
                "https://ci.example.com/job/kernel/job/linux%20next/9/artifact/arch/x86/boot/bzImage"));
    }

    @Test
    void completedIsInProgressUntilFinalizedUnlessTheHostOptsIn() {
        ObjectNode json = Fixtures.tree(Fixtures.FINALIZED);
        ((ObjectNode) json.get("build")).put("phase", "COMPLETED");
        ObjectNode running = json.deepCopy();
        ((ObjectNode) running.get("build")).remove("status");

        BuildInfo byDefault = parser.parseBody(Json.write(json)).build();
        BuildInfo optedIn = new JenkinsPayloadParser(JenkinsPayloadParser.Completion.COMPLETED).parseBody(Json.write(json)).build();
        BuildInfo withoutResult = parser.parseBody(Json.write(running)).build();

        assertThat(byDefault.status()).isEqualTo(BuildStatus.SUCCESS);
        assertThat(byDefault.complete()).isFalse();
        assertThat(optedIn.complete()).isTrue();
        assertThat(withoutResult.status()).isEqualTo(BuildStatus.IN_PROGRESS);
        assertThat(withoutResult.finishedAt()).as("no final status, no finish time").isEmpty();
    }

    @Test
    void aQueuedNotificationIsPendingWithoutAStartTime() {
        ObjectNode json = Fixtures.tree(Fixtures.STARTED);
        ((ObjectNode) json.get("build")).put("phase", "QUEUED");
        ((ObjectNode) json.get("build")).remove("number");

        BuildInfo b = parser.parseBody(Json.write(json)).build();

        assertThat(b.status()).isEqualTo(BuildStatus.PENDING);
        assertThat(b.buildId()).as("identified by build URL's job and queue id").isEqualTo("linux-next-arm64#queue-98766");
        assertThat(b.startedAt()).isEmpty();
        assertThat(b.complete()).isFalse();
    }

    @Test
    void anUnknownResultIsKeptRaw() {
        ObjectNode json = Fixtures.tree(Fixtures.FINALIZED);
        ((ObjectNode) json.get("build")).put("status", "EXPLODED");

        BuildInfo b = parser.parseBody(Json.write(json)).build();

        assertThat(b.status()).isEqualTo(BuildStatus.UNKNOWN);
        assertThat(b.rawStatus()).isEqualTo("EXPLODED");
        assertThat(b.complete()).as("FINALIZED is the last report whatever the result").isTrue();
    }

    @Test
    void artifactArraysOfObjectsAndExplicitUrlsAreRead() {
        String body = """
                {"build": {"number": 3, "status": "SUCCESS", "url": "https://ci.example.com/job/k/3/", "artifacts": [
                  {"fileName": "Image", "relativePath": "out/Image", "type": "kernel_image"},
                  {"name": "dtb", "path": "out/a.dtb", "url": "https://mirror.example.com/a.dtb", "kind": "DTB", "size": "512"},
                  {"path": "../../etc/passwd"},
                  {"path": "out/odd", "url": "javascript:alert(1)"},
                  42, null, {"nothing": true}, ""]}}
                """;

        BuildInfo b = parser.parseBody(Fixtures.utf8(body)).build();

        assertThat(b.artifacts()).extracting(BuildArtifact::path).containsExactly("out/Image", "out/a.dtb",
                "../../etc/passwd", "out/odd");
        assertThat(b.artifacts().get(0).kind()).isEqualTo(ArtifactKind.KERNEL_IMAGE);
        assertThat(b.artifacts().get(0).url()).contains(URI.create("https://ci.example.com/job/k/3/artifact/out/Image"));
        assertThat(b.artifacts().get(1).url()).contains(URI.create("https://mirror.example.com/a.dtb"));
        assertThat(b.artifacts().get(1).kind()).isEqualTo(ArtifactKind.DTB);
        assertThat(b.artifacts().get(1).sizeBytes()).hasValue(512);
        assertThat(b.artifacts().get(2).url()).as("a path climbing out of the build gets no URL").isEmpty();
        assertThat(b.artifacts().get(3).url()).as("only http(s) URLs are kept; the path alone gives one")
                .contains(URI.create("https://ci.example.com/job/k/3/artifact/out/odd"));
    }

    @Test
    void artifactListsAreCutAtTheLimitAndSaySo() {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < 10_005; i++) {
            list.append(i == 0 ? "" : ",").append("\"f").append(i).append("\"");
        }
        String body = "{\"build\": {\"number\": 1, \"status\": \"SUCCESS\", \"artifacts\": [" + list + "]}}";

        BuildInfo b = parser.parseBody(Fixtures.utf8(body)).build();

        assertThat(b.artifacts()).hasSize(10_000);
        assertThat(b.metadata()).containsEntry("artifacts_truncated", "true");
    }

    @Test
    void jenkinsApiParameterListsAndBuildTypeParametersAreRead() {
        String body = """
                {"name": "k", "build": {"number": 5, "phase": "STARTED",
                  "parameters": [{"name": "BUILD_TYPE", "value": "kernel"}, {"name": "N", "value": 3}, {"value": "x"}]}}
                """;

        BuildInfo b = parser.parseBody(Fixtures.utf8(body)).build();

        assertThat(b.parameters()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of("BUILD_TYPE", "kernel", "N", "3"));
        assertThat(b.type()).isEqualTo(BuildType.KERNEL);
    }

    @Test
    void hugeObjectsAreReadByExactNamesOnly() {
        StringBuilder junk = new StringBuilder();
        for (int i = 0; i < 600; i++) {
            junk.append(",\"junk").append(i).append("\": ").append(i);
        }
        String exact = "{\"build\": {\"number\": 8, \"status\": \"SUCCESS\", \"url\": \"https://ci/job/k/8/\"}" + junk + "}";
        String loose = "{\"BUILD_NUMBER\": 8, \"BUILD_STATUS\": \"SUCCESS\"" + junk + "}";

        assertThat(parser.parseBody(Fixtures.utf8(exact)).build().buildId()).isEqualTo("k#8");
        assertThatThrownBy(() -> parser.parseBody(Fixtures.utf8(loose))).isInstanceOf(MalformedJsonException.class);
    }

    @Test
    void aDocumentNamingNoBuildIsMalformed() {
        for (String body : new String[] {"{}", "{\"name\": \"job\"}", "{\"build\": {\"status\": \"SUCCESS\"}}", "[]", "3"}) {
            assertThatThrownBy(() -> parser.parseBody(Fixtures.utf8(body))).as(body)
                    .isInstanceOf(MalformedJsonException.class);
        }
        assertThatThrownBy(() -> parser.parseBody(Fixtures.utf8("{\"build\": "))).isInstanceOf(MalformedJsonException.class);
    }

    @Test
    void theSpiParserReadsItsEventNamesOnlyAndIsDiscoverable() {
        EventContext other = new EventContext(Provider.GITHUB, Optional.empty(), Instant.now(),
                new RawPayload("workflow_run", Json.read(Fixtures.bytes(Fixtures.FINALIZED))));

        assertThat(parser.supports("jenkins")).isTrue();
        assertThat(parser.supports("FINALIZED")).isTrue();
        assertThat(parser.supports("workflow_run")).isFalse();
        assertThat(parser.parse(other)).isEmpty();
        assertThat(Providers.discover(BuildPayloadParser.class, BuildPayloadParser::system).find("jenkins"))
                .hasValueSatisfying(p -> assertThat(p).isInstanceOf(JenkinsPayloadParser.class));
    }
}
