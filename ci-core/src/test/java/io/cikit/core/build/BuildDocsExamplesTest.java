package io.cikit.core.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.cikit.core.artifact.BspPackage;
import io.cikit.core.artifact.KernelImage;
import io.cikit.core.event.BuildEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The snippets of docs/builds.md, compiled and run. Keep the two in step. */
class BuildDocsExamplesTest {

    @Test
    void wireBuildIntegration() {
        List<String> queued = new ArrayList<>();
        BuildEvent event = BuildIntegrationTest.event(BuildIntegrationTest.seedBuild());

        // docs: integration
        BuildIntegration builds = BuildIntegration.builder()
                .cacheSize(5_000)
                .meterRegistry(new SimpleMeterRegistry())
                .build();
        builds.onBuildComplete(e -> {
            BuildInfo b = e.build();
            if (builds.shouldTriggerTests(b)) {
                KernelImage kernel = builds.extractKernelImage(b).orElseThrow();
                String board = builds.extractBspPackage(b).flatMap(BspPackage::machine).orElse("any");
                queued.add(kernel.arch().wireName() + " " + kernel.version().orElse("?") + " on " + board);
            }
        });
        BuildIntegration.Outcome outcome = builds.handle(event);   // COMPLETED, RECORDED or DUPLICATE
        // end

        assertThat(outcome).isEqualTo(BuildIntegration.Outcome.COMPLETED);
        assertThat(queued).containsExactly("x86_64 6.6.52 on imx8mp-evk");
    }
}
