package io.cikit.core.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cikit.core.artifact.FetchedArtifact;
import io.cikit.core.config.CiConfig;
import io.cikit.core.config.ConfigurationException;
import io.cikit.core.config.ProviderConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link BuildSystems} with the made-up {@code lab} system of {@link LabSystem}, found through ServiceLoader. */
class BuildSystemsTest {
    @TempDir
    Path dir;

    private static CiConfig config(Map<String, String> env) {
        return CiConfig.builder().environment(env).systemProperties(new Properties()).build();
    }

    @Test
    void aDiscoveredProviderMakesTheTriggerFromItsOwnConfigView() {
        BuildSystems systems = BuildSystems.discover(config(Map.of("CIKIT_LAB_URL", "https://lab.example/",
                "CIKIT_LAB_USER", "ci", "CIKIT_OTHER_URL", "https://other.example/")));

        BuildTrigger trigger = systems.trigger("LAB");
        TriggeredBuild queued = trigger.trigger("kernel", Map.of("ARCH", "arm64"));

        assertThat(trigger.system()).isEqualTo("lab");
        assertThat(queued.queueUrl()).contains(URI.create("https://lab.example/queue/kernel"));
        assertThat(((LabSystem.Trigger) trigger).user()).isEqualTo("ci");
        assertThat(systems.trigger("lab")).as("made once, then kept").isSameAs(trigger);
        assertThat(systems.triggerSystems()).contains("lab");
    }

    @Test
    void incompleteConfigurationNamesEveryKeyAndIsAskedAgainNextTime() {
        Map<String, String> values = new HashMap<>();
        BuildSystems systems = BuildSystems.discover(ProviderConfig.of(values::get));

        assertThatThrownBy(() -> systems.trigger("lab")).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.problems()).hasSize(2)
                        .anySatisfy(p -> assertThat(p).contains("cikit.lab.url", "CIKIT_LAB_URL"))
                        .anySatisfy(p -> assertThat(p).contains("cikit.lab.user")));

        values.put("cikit.lab.url", "https://lab.example/");
        values.put("cikit.lab.user", "ci");
        assertThat(systems.trigger("lab").system()).isEqualTo("lab");
    }

    @Test
    void aSystemNobodyProvidesNamesTheArtifactToAdd() {
        BuildSystems systems = BuildSystems.discover(ProviderConfig.empty());

        assertThatThrownBy(() -> systems.trigger("jenkins")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("`jenkins` build trigger requested but io.cikit:ci-build-jenkins is not on the classpath")
                .hasMessageContaining("lab");
        assertThatThrownBy(() -> systems.fetcher("gitlab-ci")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("io.cikit:ci-vcs-gitlab");
        assertThatThrownBy(() -> systems.fetcher("bamboo")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("the module that provides it");
    }

    @Test
    void withoutDiscoveryOnlyRegisteredSystemsExistAndReadyMadeOnesWin() {
        BuildSystems systems = BuildSystems.none(ProviderConfig.empty());
        assertThatThrownBy(() -> systems.trigger("lab")).isInstanceOf(ConfigurationException.class);

        LabSystem.Trigger ready = new LabSystem.Trigger(URI.create("https://ready.example/"), "me");
        systems.registerTrigger(ready);
        assertThat(systems.trigger("lab")).isSameAs(ready);
        assertThat(systems.triggerSystems()).containsExactly("lab");

        systems.registerTriggerProvider(new LabSystem.TriggerProvider());
        assertThatThrownBy(() -> systems.trigger("lab")).as("a provider registered later replaces the ready one")
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void aProviderMayReadAnotherSystemsSharedConfigView() {
        BuildTriggerProvider shared = new BuildTriggerProvider() {
            @Override
            public String system() {
                return "lab-nightly";
            }

            @Override
            public String configPrefix() {
                return "cikit.lab";
            }

            @Override
            public BuildTrigger create(ProviderConfig config) {
                return new LabSystem.TriggerProvider().create(config);
            }
        };
        BuildSystems systems = BuildSystems.none(ProviderConfig.of(Map.of("cikit.lab.url", "https://lab.example/",
                "cikit.lab.user", "nightly")::get)).registerTriggerProvider(shared);

        assertThat(((LabSystem.Trigger) systems.trigger("lab-nightly")).user()).isEqualTo("nightly");
        assertThat(new LabSystem.TriggerProvider().configPrefix()).isEqualTo("cikit.lab");
    }

    @Test
    void fetchArtifactsDownloadsTheSelectedOnesBelowTheDirectory() throws Exception {
        BuildSystems systems = BuildSystems.discover(ProviderConfig.of(Map.of("cikit.lab.url", "https://lab.example/",
                "cikit.lab.artifacts", "arch/arm64/boot/Image.gz, System.map, logs/build.log")::get));

        List<FetchedArtifact> fetched = systems.fetchArtifacts(LabSystem.build(), a -> !a.path().startsWith("logs/"),
                dir, 1024);

        assertThat(fetched).extracting(f -> f.artifact().path()).containsExactly("arch/arm64/boot/Image.gz", "System.map");
        assertThat(fetched.get(0).path()).isEqualTo(dir.toAbsolutePath().resolve("arch/arm64/boot/Image.gz"));
        assertThat(Files.readString(fetched.get(0).path())).isEqualTo("arch/arm64/boot/Image.gz");
        assertThat(dir.resolve("logs")).doesNotExist();
    }

    @Test
    void anArtifactPathThatClimbsOutOfTheDirectoryIsRefused() {
        BuildSystems systems = BuildSystems.none(ProviderConfig.empty())
                .registerFetcher(new LabSystem.Fetcher(List.of(io.cikit.core.build.BuildArtifact.of("ok"),
                        io.cikit.core.build.BuildArtifact.of("../../etc/passwd"))));

        assertThatThrownBy(() -> systems.fetchArtifacts(LabSystem.build(), a -> true, dir.resolve("out"), 1024))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leads out of");
        assertThat(dir.getParent().resolve("etc")).doesNotExist();
    }
}
