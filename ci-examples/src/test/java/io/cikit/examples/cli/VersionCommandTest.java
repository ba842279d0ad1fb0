package io.cikit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code cikit version}: the providers ServiceLoader finds, by kind, with every module of the runner present. */
class VersionCommandTest {

    private static List<String> names(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void everyProviderKindIsListedByName() {
        CliRun run = CliRun.of("version");
        JsonNode providers = run.json().path("providers");

        assertThat(run.exit()).isZero();
        assertThat(names(providers.path("vcs"))).containsExactlyInAnyOrder("github", "gitlab");
        assertThat(names(providers.path("buildTrigger"))).containsExactlyInAnyOrder("jenkins", "actions", "gitlab-ci");
        assertThat(names(providers.path("artifactFetcher"))).containsExactlyInAnyOrder("jenkins", "actions", "gitlab-ci");
        assertThat(names(providers.path("buildParser"))).containsExactlyInAnyOrder("jenkins", "actions", "gitlab-ci");
        assertThat(names(providers.path("runner"))).contains("local");
        assertThat(names(providers.path("channel"))).contains("slack", "email", "teams");
        assertThat(names(providers.path("webhook"))).contains("github", "gitlab", "jenkins");
    }
}
