package io.cikit.core.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.cikit.core.artifact.Arch;
import io.cikit.core.artifact.ArtifactKind;
import io.cikit.core.artifact.BspPackage;
import io.cikit.core.artifact.Compression;
import io.cikit.core.artifact.ImageFormat;
import io.cikit.core.artifact.KernelImage;
import io.cikit.core.event.BuildEvent;
import io.cikit.core.event.EventContext;
import io.cikit.core.event.Provider;
import io.cikit.core.event.RawPayload;
import io.cikit.core.json.Json;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BuildIntegrationTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final BuildIntegration builds = BuildIntegration.builder().meterRegistry(registry).build();

    /** The seed format fixture (fixtures/jenkins/seed-format.success.json) as a parser would report it. */
    static BuildInfo seedBuild() {
        BuildArtifact bz = new BuildArtifact("bzImage", "arch/x86/boot/bzImage",
                Optional.of(URI.create("https://jenkins.example.com/job/kernel/1234/artifact/arch/x86/boot/bzImage")),
                OptionalLong.of(8245760), ArtifactKind.KERNEL_IMAGE);
        BuildArtifact wic = BuildArtifact.of("deploy/images/imx8mp/core-image-minimal-imx8mp.rootfs.wic.zst");
        return BuildInfo.builder("kernel#1234", "jenkins").job("kernel").number(1234).status(BuildStatus.SUCCESS, "SUCCESS")
                .complete(true).type(BuildType.FULL_SYSTEM).commitSha("abc123def4567890abc123def4567890abc123de")
                .branch("main").url("https://jenkins.example.com/job/kernel/1234").artifacts(List.of(bz, wic))
                .metadata("build_type", "full_system").metadata("kernel_version", "6.6.52")
                .metadata("architecture", "x86_64").metadata("target_board", "imx8mp-evk")
                .metadata("bsp_version", "scarthgap-5.0.4").build();
    }

    static BuildEvent event(BuildInfo b) {
        return new BuildEvent(EventContext.of(Provider.JENKINS, null, new RawPayload("build", Json.mapper().createObjectNode())),
                b, Optional.empty());
    }

    static BuildInfo.Builder jenkins(String id, String phase, BuildStatus status, boolean complete) {
        return BuildInfo.builder(id, "jenkins").phase(phase).status(status, status.name()).complete(complete)
                .type(BuildType.KERNEL);
    }

    // ---- handlers ----

    @Test
    void everyHandlerRunsOnCompletionEvenWhenOneFails() {
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        builds.onBuildComplete(e -> calls.add("first " + e.build().buildId()));
        builds.onBuildComplete(e -> {
            throw new IllegalStateException("handler bug");
        });
        builds.onBuildComplete(e -> calls.add("third " + e.build().buildId()));

        BuildIntegration.Outcome outcome = builds.handle(event(seedBuild()));

        assertThat(outcome).isEqualTo(BuildIntegration.Outcome.COMPLETED);
        assertThat(calls).containsExactly("first kernel#1234", "third kernel#1234");
        assertThat(registry.get("cikit.build.handler.failures").counter().count()).isEqualTo(1.0);
    }

    @Test
    void handlersWaitForTheFinalReport() {
        AtomicInteger calls = new AtomicInteger();
        builds.onBuildComplete(e -> calls.incrementAndGet());

        assertThat(builds.handle(event(jenkins("k#7", "STARTED", BuildStatus.IN_PROGRESS, false).build())))
                .isEqualTo(BuildIntegration.Outcome.RECORDED);
        // Jenkins COMPLETED carries the result but FINALIZED is the last word
        assertThat(builds.handle(event(jenkins("k#7", "COMPLETED", BuildStatus.SUCCESS, false).build())))
                .isEqualTo(BuildIntegration.Outcome.RECORDED);
        assertThat(calls).hasValue(0);
        assertThat(builds.handle(event(jenkins("k#7", "FINALIZED", BuildStatus.SUCCESS, true).build())))
                .isEqualTo(BuildIntegration.Outcome.COMPLETED);
        assertThat(calls).hasValue(1);
    }

    @Test
    void duplicateEventsAreHandledOnce() {
        AtomicInteger calls = new AtomicInteger();
        builds.onBuildComplete(e -> calls.incrementAndGet());
        BuildEvent e = event(jenkins("k#8", "FINALIZED", BuildStatus.SUCCESS, true).build());

        assertThat(builds.handle(e)).isEqualTo(BuildIntegration.Outcome.COMPLETED);
        assertThat(builds.handle(e)).isEqualTo(BuildIntegration.Outcome.DUPLICATE);
        assertThat(builds.handle(event(jenkins("k#8", "FINALIZED", BuildStatus.SUCCESS, true).build())))
                .isEqualTo(BuildIntegration.Outcome.DUPLICATE);
        assertThat(calls).hasValue(1);
        assertThat(registry.get("cikit.build.events").tag("outcome", "duplicate").counter().count()).isEqualTo(2.0);
    }

    @Test
    void concurrentDeliveriesOfOneCompletionRunHandlersOnce() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        builds.onBuildComplete(e -> calls.incrementAndGet());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            for (int i = 0; i < 64; i++) {
                int build = i % 4;
                pool.submit(() -> {
                    start.await();
                    return builds.handle(event(jenkins("k#" + build, "FINALIZED", BuildStatus.SUCCESS, true).build()));
                });
            }
            start.countDown();
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(calls).hasValue(4);
    }

    // ---- completion and triggering ----

    @Test
    void completenessFollowsTheSystemOrAFinalStatusWithoutPhase() {
        assertThat(builds.isComplete(jenkins("a", "FINALIZED", BuildStatus.FAILURE, true).build())).isTrue();
        assertThat(builds.isComplete(jenkins("a", "COMPLETED", BuildStatus.SUCCESS, false).build())).isFalse();
        assertThat(builds.isComplete(BuildInfo.builder("b", "actions").status(BuildStatus.SUCCESS, "success").build())).isTrue();
        assertThat(builds.isComplete(BuildInfo.builder("b", "actions").status(BuildStatus.IN_PROGRESS, "in_progress").build())).isFalse();
        assertThat(builds.isComplete(BuildInfo.builder("b", "x").status(BuildStatus.UNKNOWN, "weird").build())).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = BuildType.class, names = {"KERNEL", "BSP", "FULL_SYSTEM"})
    void successfulTestableBuildsTriggerTests(BuildType type) {
        assertThat(builds.shouldTriggerTests(BuildInfo.builder("x", "jenkins").status(BuildStatus.SUCCESS, "SUCCESS")
                .type(type).complete(true).build())).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = BuildStatus.class, names = "SUCCESS", mode = EnumSource.Mode.EXCLUDE)
    void nothingButSuccessTriggersTests(BuildStatus status) {
        assertThat(builds.shouldTriggerTests(BuildInfo.builder("x", "jenkins").status(status, status.name())
                .type(BuildType.KERNEL).complete(true).build())).isFalse();
    }

    @Test
    void moduleBuildsNeedArtifactsAndUnfinishedBuildsNeverTrigger() {
        BuildInfo.Builder module = BuildInfo.builder("m", "jenkins").status(BuildStatus.SUCCESS, "SUCCESS").type(BuildType.MODULE);

        assertThat(builds.shouldTriggerTests(module.build())).isFalse();
        assertThat(builds.shouldTriggerTests(module.artifacts(List.of(BuildArtifact.of("out/modules.tar.xz"))).build())).isTrue();
        assertThat(builds.shouldTriggerTests(jenkins("k", "COMPLETED", BuildStatus.SUCCESS, false).build())).isFalse();
        assertThat(builds.shouldTriggerTests(BuildInfo.builder("o", "jenkins").status(BuildStatus.SUCCESS, "SUCCESS").build()))
                .isFalse();
    }

    @Test
    void untypedBuildsCountAsWhatTheyPublished() {
        BuildInfo kernel = BuildInfo.builder("o", "actions").status(BuildStatus.SUCCESS, "success")
                .artifacts(List.of(BuildArtifact.of("arch/arm64/boot/Image.gz"))).build();
        BuildInfo declared = BuildInfo.builder("d", "jenkins").status(BuildStatus.SUCCESS, "SUCCESS")
                .metadata("build_type", "full_system").build();

        assertThat(builds.shouldTriggerTests(kernel)).isTrue();
        assertThat(builds.shouldTriggerTests(declared)).isTrue();
    }

    // ---- extraction ----

    @Test
    void kernelImageComesFromMetadataAndTheArtifactList() {
        KernelImage k = builds.extractKernelImage(seedBuild()).orElseThrow();

        assertThat(k.version()).contains("6.6.52");
        assertThat(k.arch()).isEqualTo(Arch.X86_64);
        assertThat(k.path()).contains("arch/x86/boot/bzImage");
        assertThat(k.format()).isEqualTo(ImageFormat.BZIMAGE);
        assertThat(k.sizeBytes()).hasValue(8245760);
        assertThat(k.url()).hasValueSatisfying(u -> assertThat(u.toString()).endsWith("/artifact/arch/x86/boot/bzImage"));
    }

    @Test
    void kernelImageFromArtifactNamesAlone() {
        BuildInfo b = BuildInfo.builder("t", "actions").status(BuildStatus.SUCCESS, "success").artifacts(List.of(
                BuildArtifact.of("arch/arm64/boot/Image.gz"), BuildArtifact.of(".config"), BuildArtifact.of("System.map"),
                BuildArtifact.of("modules.tar.xz"), BuildArtifact.of("dtbs/arm/juno.dtb"))).build();

        KernelImage k = builds.extractKernelImage(b).orElseThrow();

        assertThat(k.arch()).isEqualTo(Arch.ARM64);
        assertThat(k.format()).isEqualTo(ImageFormat.ARM64_IMAGE);
        assertThat(k.compression()).isEqualTo(Compression.GZIP);
        assertThat(k.version()).isEmpty();
        assertThat(k.config()).contains(".config");
        assertThat(k.systemMap()).contains("System.map");
        assertThat(k.modules()).contains("modules.tar.xz");
        assertThat(k.dtbs()).containsExactly("dtbs/arm/juno.dtb");
    }

    @Test
    void noKernelWhenNothingNamesOne() {
        BuildInfo b = BuildInfo.builder("docs", "actions").status(BuildStatus.SUCCESS, "success")
                .artifacts(List.of(BuildArtifact.of("site.zip"))).build();

        assertThat(builds.extractKernelImage(b)).isEmpty();
        assertThat(builds.extractBspPackage(b)).isEmpty();
    }

    @Test
    void bspPackageComesFromMetadataAndRootfsArtifacts() {
        BspPackage bsp = builds.extractBspPackage(seedBuild()).orElseThrow();

        assertThat(bsp.machine()).contains("imx8mp-evk");
        assertThat(bsp.version()).contains("scarthgap-5.0.4");
        assertThat(bsp.arch()).isEqualTo(Arch.X86_64);
        assertThat(bsp.rootfs()).containsExactly("deploy/images/imx8mp/core-image-minimal-imx8mp.rootfs.wic.zst");
        assertThat(bsp.kernel()).isPresent();
        assertThat(bsp.variables()).containsEntry("target_board", "imx8mp-evk");
    }

    @Test
    void metadataKeysMatchInAnySpelling() {
        BuildInfo b = BuildInfo.builder("s", "gitlab-ci").status(BuildStatus.SUCCESS, "success")
                .metadata("kernelVersion", "6.1.0").metadata("ARCHITECTURE", "aarch64").metadata("Target-Board", "rpi4").build();

        assertThat(builds.extractKernelImage(b).orElseThrow().arch()).isEqualTo(Arch.ARM64);
        assertThat(builds.extractKernelImage(b).orElseThrow().version()).contains("6.1.0");
        assertThat(builds.extractBspPackage(b).orElseThrow().machine()).contains("rpi4");
    }

    // ---- cache ----

    @Test
    void buildInfoComesFromABoundedCache() {
        BuildIntegration small = BuildIntegration.builder().cacheSize(2).meterRegistry(registry).build();
        small.handle(event(jenkins("a", "STARTED", BuildStatus.IN_PROGRESS, false).build()));
        small.handle(event(jenkins("b", "STARTED", BuildStatus.IN_PROGRESS, false).build()));
        small.handle(event(jenkins("c", "STARTED", BuildStatus.IN_PROGRESS, false).build()));

        assertThat(small.buildInfo("a")).isEmpty();
        assertThat(small.buildInfo("b")).isPresent();
        assertThat(small.buildInfo("jenkins", "c")).isPresent();
        assertThat(small.buildInfo("actions", "c")).isEmpty();
    }

    @Test
    void lateNonFinalReportDoesNotReplaceTheFinalOne() {
        builds.handle(event(jenkins("k#9", "FINALIZED", BuildStatus.SUCCESS, true).build()));
        builds.handle(event(jenkins("k#9", "STARTED", BuildStatus.IN_PROGRESS, false).build()));

        assertThat(builds.buildInfo("k#9").orElseThrow().phase()).contains("FINALIZED");
    }
}
