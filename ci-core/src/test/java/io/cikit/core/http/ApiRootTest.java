package io.cikit.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cikit.core.DeliveryException;
import io.cikit.core.config.ConfigKey;
import io.cikit.core.config.ConfigSpec;
import io.cikit.core.config.ConfigurationException;
import io.cikit.core.config.ProviderConfig;
import java.net.URI;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiRootTest {

    @Test
    void aRootAlwaysEndsInASlashSoRelativePathsStayBelowIt() {
        ApiRoot jenkins = ApiRoot.of("Jenkins URL", URI.create("https://ci.example.com/jenkins"));

        assertThat(jenkins.uri()).hasToString("https://ci.example.com/jenkins/");
        assertThat(jenkins.resolve("queue/item/7/")).hasToString("https://ci.example.com/jenkins/queue/item/7/");
        assertThat(ApiRoot.of("x", URI.create("http://h:8080/")).uri()).hasToString("http://h:8080/");
        assertThat(jenkins.origin()).isEqualTo("https://ci.example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/", "/relative/path", "mailto:ci@example.com", "https:///nohost",
            "https://example.com/?q=1", "https://example.com/#top"})
    void anythingButAnAbsoluteHttpUrlWithAHostIsRefusedNamingWhatItIs(String url) {
        assertThatThrownBy(() -> ApiRoot.of("GitHub API URL", URI.create(url)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GitHub API URL");
    }

    @Test
    void userInfoIsRefusedWithoutEchoingThePassword() {
        assertThatThrownBy(() -> ApiRoot.of("Jenkins URL", URI.create("https://bob:hunter2@ci.example.com/")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("user or password").hasMessageNotContaining("hunter2");
    }

    @Test
    void sameOriginComparesSchemeHostAndEffectivePort() {
        ApiRoot root = ApiRoot.of("x", URI.create("https://Git.Example.com/api/v4"));

        assertThat(root.isSameOrigin(URI.create("https://git.example.com:443/other"))).isTrue();
        assertThat(root.isSameOrigin(URI.create("http://git.example.com/api/v4"))).isFalse();
        assertThat(root.isSameOrigin(URI.create("https://git.example.com:8443/api/v4"))).isFalse();
        assertThat(root.isSameOrigin(URI.create("https://evil.example.com/api/v4"))).isFalse();
        assertThat(root.isSameOrigin(URI.create("/api/v4/projects"))).isFalse();
        assertThat(ApiRoot.sameOrigin(URI.create("http://a/x"), URI.create("http://a:80/y"))).isTrue();
    }

    @Test
    void credentialsAreRefusedForAnotherOriginWithANonRetryableDeliveryException() {
        ApiRoot root = ApiRoot.of("x", URI.create("https://ci.example.com/"));
        URI here = URI.create("https://ci.example.com/job/a/1/artifact/Image");

        assertThat(root.requireSameOrigin(here, "artifact Image")).isSameAs(here);
        assertThatThrownBy(() -> root.requireSameOrigin(URI.create("https://evil.example.com:444/steal?token=x"),
                "artifact Image"))
                .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("https://ci.example.com").hasMessageContaining("https://evil.example.com:444")
                .hasMessageContaining("artifact Image").hasMessageNotContaining("token=x");
    }

    @Test
    void aConfigKeyReportsABadRootAlongsideOtherProblems() {
        ConfigKey<ApiRoot> url = ApiRoot.configKey("url", "Jenkins URL").required();
        assertThatThrownBy(() -> ProviderConfig.of(Map.of("url", "ftp://x", "n", "many")::get)
                .validate(ConfigSpec.of(url, ConfigKey.integer("n"))))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).hasSize(2)
                        .anySatisfy(p -> assertThat(p).contains("url", "http(s)"))
                        .anySatisfy(p -> assertThat(p).contains("n")));
        assertThat(ProviderConfig.of(Map.of("url", "https://ci")::get).require(url).uri()).hasToString("https://ci/");
    }

    @Property(tries = 300)
    void sameOriginIsReflexiveSymmetricAndIgnoresCaseAndDefaultPorts(@ForAll("urls") URI a, @ForAll("urls") URI b) {
        assertThat(ApiRoot.sameOrigin(a, a)).isTrue();
        assertThat(ApiRoot.sameOrigin(a, b)).isEqualTo(ApiRoot.sameOrigin(b, a));
        URI upper = URI.create(a.toString().toUpperCase(java.util.Locale.ROOT));
        assertThat(ApiRoot.sameOrigin(a, upper)).isTrue();
        if (ApiRoot.sameOrigin(a, b)) {
            assertThat(a.getHost()).isEqualToIgnoringCase(b.getHost());
        }
    }

    @Provide
    Arbitrary<URI> urls() {
        return Combinators.combine(Arbitraries.of("http", "https"), Arbitraries.of("a.example", "b.example", "A.example"),
                Arbitraries.of("", ":80", ":443", ":8080"), Arbitraries.of("/", "/x", "/api/v4"))
                .as((scheme, host, port, path) -> URI.create(scheme + "://" + host + port + path));
    }
}
