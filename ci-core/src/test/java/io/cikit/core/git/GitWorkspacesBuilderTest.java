package io.cikit.core.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.cikit.core.config.ConfigurationException;
import io.cikit.core.config.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitWorkspacesBuilderTest {
    @TempDir
    Path root;

    @Test
    void defaultsBuild() {
        assertThat(GitWorkspaces.defaults()).isNotNull();
        assertThat(GitWorkspaces.builder().build()).isNotNull();
    }

    @Test
    void reportsEveryBadOptionAtOnce() {
        GitWorkspaces.Builder builder = GitWorkspaces.builder()
                .timeout(Duration.ZERO)
                .ioTimeout(Duration.ofSeconds(-1))
                .maxCommits(0)
                .maxChangedFiles(GitWorkspaces.MAX_CHANGED_FILES_LIMIT + 1)
                .allowSchemes();
        assertThatThrownBy(builder::build)
                .asInstanceOf(type(ConfigurationException.class))
                .satisfies(e -> assertThat(e.problems()).hasSize(5))
                .satisfies(e -> assertThat(e.problems()).anyMatch(p -> p.contains("timeout must be positive"))
                        .anyMatch(p -> p.contains("ioTimeout")).anyMatch(p -> p.contains("maxCommits"))
                        .anyMatch(p -> p.contains("maxChangedFiles")).anyMatch(p -> p.contains("allowSchemes")));
    }

    @Test
    void acceptsTheLimitsThemselves() {
        assertThat(GitWorkspaces.builder().maxCommits(1).maxChangedFiles(1).build()).isNotNull();
        assertThat(GitWorkspaces.builder().maxCommits(GitWorkspaces.MAX_COMMITS_LIMIT)
                .maxChangedFiles(GitWorkspaces.MAX_CHANGED_FILES_LIMIT).build()).isNotNull();
    }

    @Test
    void checksSshKeyAndKnownHostsFilesUpFront() throws Exception {
        Path key = root.resolve("id_ed25519");
        Path hosts = root.resolve("known_hosts");
        assertThatThrownBy(() -> GitWorkspaces.builder().credentials(GitCredentials.sshKey(key, hosts)).build())
                .asInstanceOf(type(ConfigurationException.class))
                .satisfies(e -> assertThat(e.problems()).containsExactly(
                        "SSH private key " + key + " is not a readable file",
                        "SSH known-hosts file " + hosts + " is not a readable file (hosts are checked strictly; use "
                                + "SshKey.acceptingNewHosts() to trust on first use)"));
        Files.writeString(key, "key");
        assertThat(GitWorkspaces.builder().credentials(GitCredentials.sshKey(key, hosts).acceptingNewHosts()).build()).isNotNull();
        Path nowhere = root.resolve("missing-dir/known_hosts");
        assertThatThrownBy(() -> GitWorkspaces.builder().credentials(GitCredentials.sshKey(key, nowhere).acceptingNewHosts()).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("cannot be created");
    }

    @Test
    void credentialsNeverShowTheirSecrets() {
        assertThat(GitCredentials.token(Secret.of("ghp_abcdef")).toString()).doesNotContain("ghp_abcdef").contains("x-access-token");
        assertThat(GitCredentials.sshKey(root.resolve("k"), root.resolve("h")).withPassphrase(Secret.of("hunter2")).toString())
                .doesNotContain("hunter2");
        assertThat(GitCredentials.none()).hasToString("GitCredentials.none()");
        assertThatThrownBy(() -> GitCredentials.token(" ", Secret.of("t"))).isInstanceOf(IllegalArgumentException.class);
    }
}
