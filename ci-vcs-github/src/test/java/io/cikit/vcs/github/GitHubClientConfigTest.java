package io.cikit.vcs.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.cikit.vcs.github.GitHubStub.server;
import static io.cikit.vcs.github.GitHubStub.stub;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cikit.core.config.CiConfig;
import io.cikit.core.config.ConfigurationException;
import io.cikit.core.config.ProviderConfig;
import io.cikit.core.event.Repository;
import io.cikit.core.report.CommitStatus;
import io.cikit.core.report.StatusState;
import io.cikit.core.report.VcsClient;
import io.cikit.core.report.VcsClientProvider;
import io.cikit.core.spi.Providers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code cikit.github.*} keys and the {@code github} provider found through ServiceLoader. */
class GitHubClientConfigTest {
    private static KeyPair keys;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeKeys() {
        keys = TestKeys.rsa();
    }

    @BeforeEach
    void reset() {
        server().resetAll();
        stub(post(urlPathEqualTo("/repos/o/r/statuses/abc")).willReturn(aResponse().withStatus(201).withBody("{}")));
        stub(post(urlPathEqualTo("/app/installations/7/access_tokens")).willReturn(aResponse().withStatus(201)
                .withBody("{\"token\":\"ghs_cfg\",\"expires_at\":\"2099-01-01T00:00:00Z\"}")));
    }

    private static CiConfig config(Map<String, String> env) {
        return CiConfig.builder().environment(env).systemProperties(new Properties()).build();
    }

    private static void report(VcsClient client) {
        client.setStatus(Repository.named("o/r"), "abc", CommitStatus.of(StatusState.SUCCESS, "cikit"));
    }

    @Test
    void theProviderIsDiscoveredAndReadsTheTokenFromGitHubToken() {
        VcsClientProvider provider = Providers.discover(VcsClientProvider.class, VcsClientProvider::name)
                .require("github", "VCS client", "io.cikit:ci-vcs-github");
        CiConfig config = config(Map.of("GITHUB_TOKEN", "ghp_env", "CIKIT_GITHUB_API_URL", GitHubStub.base().toString()));

        report(provider.create(config.forPrefix("cikit.github")));

        server().verify(postRequestedFor(urlPathEqualTo("/repos/o/r/statuses/abc"))
                .withHeader("Authorization", equalTo("Bearer ghp_env")));
    }

    @Test
    void appKeysReadAKeyFileAndWinOverAToken() throws IOException {
        Path pem = Files.writeString(dir.resolve("app.pem"), TestKeys.pkcs1Pem(keys));
        ProviderConfig config = ProviderConfig.of(Map.of("token", "ghp_unused", "api-url", GitHubStub.base().toString(),
                "app-id", "99", "app-private-key", pem.toString(), "installation-id", "7")::get);

        report(GitHubClient.fromConfig(config, GitHubStub.fastTransport()));

        server().verify(postRequestedFor(urlPathEqualTo("/repos/o/r/statuses/abc"))
                .withHeader("Authorization", equalTo("Bearer ghs_cfg")));
    }

    @Test
    void aPemInAnEnvironmentVariableMayCarryEscapedLineBreaks() {
        String escaped = TestKeys.pkcs8Pem(keys).replace("\n", "\\n");
        CiConfig config = config(Map.of("CIKIT_GITHUB_APP_ID", "99", "CIKIT_GITHUB_APP_PRIVATE_KEY", escaped,
                "CIKIT_GITHUB_INSTALLATION_ID", "7", "CIKIT_GITHUB_API_URL", GitHubStub.base().toString()));

        report(GitHubClient.fromConfig(config.forPrefix("cikit.github"), GitHubStub.fastTransport()));

        server().verify(postRequestedFor(urlPathEqualTo("/app/installations/7/access_tokens")));
    }

    @Test
    void missingCredentialsNameEveryKeyThatWouldDo() {
        assertThatThrownBy(() -> GitHubClient.fromConfig(config(Map.of()).forPrefix("cikit.github")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("cikit.github.token")
                .hasMessageContaining("cikit.github.app-id")
                .hasMessageContaining("cikit.github.installation-id");
    }

    @Test
    void anIncompleteAppListsEveryProblemAtOnceWithoutShowingTheKey() {
        ProviderConfig config = ProviderConfig.of(Map.of("app-id", "99", "installation-id", "seven",
                "api-url", "ftp://example.org")::get);

        assertThatThrownBy(() -> GitHubClient.fromConfig(config)).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.problems()).hasSize(3).anySatisfy(p -> assertThat(p).contains("app-private-key"))
                        .anySatisfy(p -> assertThat(p).contains("installation-id", "not a number"))
                        .anySatisfy(p -> assertThat(p).contains("api-url")));

        String notAKey = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC";
        ProviderConfig mangled = ProviderConfig.of(Map.of("app-id", "99", "installation-id", "7",
                "app-private-key", notAKey)::get);
        assertThatThrownBy(() -> GitHubClient.fromConfig(mangled)).isInstanceOf(ConfigurationException.class)
                .hasMessageNotContaining(notAKey);
    }
}
