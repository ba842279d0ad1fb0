package io.cikit.core.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.cikit.core.config.ConfigKey;
import io.cikit.core.config.ConfigSpec;
import io.cikit.core.config.ConfigurationException;
import io.cikit.core.config.ProviderConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Server {@code api} is addressed as {@code localhost}, {@code storage} as {@code 127.0.0.1}: two hosts. */
class HttpSettingsTest {
    private final WireMockServer api = Stubs.server();
    private final WireMockServer storage = Stubs.otherServer();

    @TempDir
    Path dir;

    @BeforeEach
    void reset() {
        api.resetAll();
        storage.resetAll();
        api.stubFor(get(urlPathEqualTo("/artifacts/1")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", Stubs.loopbackIp(storage, "/blob/1").toString())));
        storage.stubFor(get(urlPathEqualTo("/blob/1")).willReturn(aResponse().withStatus(200).withBody("zip")));
    }

    @Test
    void nothingConfiguredMeansTheDefaults() {
        assertThat(HttpSettings.read(ProviderConfig.empty())).isEqualTo(HttpSettings.defaults());
    }

    @Test
    void theThreeKeysAreRead() {
        HttpSettings settings = HttpSettings.read(ProviderConfig.of(Map.of("connect-timeout", "2s",
                "request-timeout", "1m", "artifact-hosts", "*.blob.core.windows.net, storage.example.com")::get));

        assertThat(settings.connectTimeout()).contains(Duration.ofSeconds(2));
        assertThat(settings.requestTimeout()).contains(Duration.ofMinutes(1));
        assertThat(settings.artifactHosts()).containsExactly("*.blob.core.windows.net", "storage.example.com");
    }

    @Test
    void everyBadKeyIsReportedAtOnce() {
        ProviderConfig both = ProviderConfig.of(Map.of("cikit.jenkins.connect-timeout", "soon",
                "cikit.jenkins.request-timeout", "0s", "cikit.jenkins.artifact-hosts", "bad host!")::get)
                .forPrefix("cikit.jenkins");

        assertThatThrownBy(() -> HttpSettings.read(both)).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.problems()).hasSize(3)
                        .anySatisfy(p -> assertThat(p).contains("cikit.jenkins.connect-timeout"))
                        .anySatisfy(p -> assertThat(p).contains("cikit.jenkins.request-timeout", "positive"))
                        .anySatisfy(p -> assertThat(p).contains("cikit.jenkins.artifact-hosts")));
    }

    @Test
    void aProvidersOwnKeysAreCheckedInTheSamePassAndComeFirst() {
        ProviderConfig config = ProviderConfig.of(Map.of("request-timeout", "later")::get);

        assertThatThrownBy(() -> HttpSettings.read(config, ConfigSpec.of(ConfigKey.uri("url").required())))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).hasSize(2)
                        .satisfies(p -> assertThat(p.get(0)).contains("url", "required"))
                        .satisfies(p -> assertThat(p.get(1)).contains("request-timeout")));
    }

    @Test
    void theTransportFollowsRedirectsToConfiguredHostsOnly() {
        HttpCall call = HttpCall.get(Stubs.localhost(api, "/artifacts/1")).build();
        HttpSettings configured = HttpSettings.read(ProviderConfig.of(Map.of("artifact-hosts", "127.0.0.1")::get));

        Download download = configured.transport(List.of("storage.example.com")).download(call, dir.resolve("a"), 100);

        assertThat(download.sizeBytes()).isEqualTo(3);
        assertThat(download.finalUri().getHost()).isEqualTo("127.0.0.1");
        assertThatThrownBy(() -> HttpSettings.defaults().transport(List.of("storage.example.com"))
                .download(call, dir.resolve("b"), 100)).isInstanceOf(RedirectRefusedException.class);
        assertThat(Files.exists(dir.resolve("b"))).isFalse();
    }

    @Test
    void theProviderDefaultsApplyWhenNoHostsAreConfigured() {
        HttpCall call = HttpCall.get(Stubs.localhost(api, "/artifacts/1")).build();
        HttpSettings timeoutsOnly = new HttpSettings(Optional.of(Duration.ofSeconds(3)), Optional.empty(), List.of());

        assertThat(timeoutsOnly.transport(List.of("127.0.0.1")).download(call, dir.resolve("c"), 100).sizeBytes())
                .isEqualTo(3);
    }
}
