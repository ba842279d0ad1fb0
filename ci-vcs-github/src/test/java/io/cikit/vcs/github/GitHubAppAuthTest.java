package io.cikit.vcs.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.cikit.vcs.github.GitHubStub.requests;
import static io.cikit.vcs.github.GitHubStub.server;
import static io.cikit.vcs.github.GitHubStub.stub;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cikit.core.config.ConfigurationException;
import io.cikit.core.event.Repository;
import io.cikit.core.json.Json;
import io.cikit.core.report.CommitStatus;
import io.cikit.core.report.StatusState;
import io.cikit.core.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GitHub App auth: an RS256 JWT GitHub can verify, installation tokens cached and renewed before they expire. */
class GitHubAppAuthTest {
    private static final Repository REPO = Repository.named("acme/kernel");
    private static final String TOKENS = "/app/installations/42/access_tokens";
    private static final String STATUS = "/repos/acme/kernel/statuses/abc";
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    private static KeyPair keys;

    private ManualClock clock;

    @BeforeAll
    static void makeKeys() {
        keys = TestKeys.rsa();
    }

    @BeforeEach
    void reset() {
        server().resetAll();
        clock = new ManualClock(T0);
        stub(post(urlPathEqualTo(TOKENS)).inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(201).withBody(token("ghs_one", T0.plus(Duration.ofHours(1)))))
                .willSetStateTo("one issued"));
        stub(post(urlPathEqualTo(TOKENS)).inScenario("tokens").whenScenarioStateIs("one issued")
                .willReturn(aResponse().withStatus(201).withBody(token("ghs_two", T0.plus(Duration.ofHours(2)))))
                .willSetStateTo("two issued"));
        stub(post(urlPathEqualTo(STATUS)).withHeader("Authorization", equalTo("Bearer ghs_one"))
                .willReturn(aResponse().withStatus(201).withBody("{}")));
        stub(post(urlPathEqualTo(STATUS)).withHeader("Authorization", equalTo("Bearer ghs_two"))
                .willReturn(aResponse().withStatus(201).withBody("{}")));
    }

    private static String token(String value, Instant expires) {
        return "{\"token\":\"" + value + "\",\"expires_at\":\"" + expires + "\",\"permissions\":{\"statuses\":\"write\"}}";
    }

    private GitHubClient client(String pem) {
        return GitHubClient.builder().apiUrl(GitHubStub.base()).app("12345", pem, "42").clock(clock)
                .transport(GitHubStub.fastTransport()).build();
    }

    private static void report(GitHubClient client) {
        client.setStatus(REPO, "abc", CommitStatus.of(StatusState.SUCCESS, "cikit"));
    }

    private static List<String> statusTokens() {
        return requests(postRequestedFor(urlPathEqualTo(STATUS))).stream()
                .map(r -> r.getHeader("Authorization")).toList();
    }

    @Test
    void theJwtIsSignedWithTheAppKeyAndHasGitHubsTimes() throws Exception {
        report(client(TestKeys.pkcs1Pem(keys)));

        List<LoggedRequest> tokenRequests = requests(postRequestedFor(urlPathEqualTo(TOKENS)));
        assertThat(tokenRequests).hasSize(1);
        String jwt = tokenRequests.get(0).getHeader("Authorization").substring("Bearer ".length());
        String[] parts = jwt.split("\\.");
        assertThat(parts).hasSize(3);

        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(keys.getPublic());
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rs256.verify(Base64.getUrlDecoder().decode(parts[2]))).as("signature verifies with the public key").isTrue();

        JsonNode header = Json.read(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = Json.read(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(header.path("alg").asText()).isEqualTo("RS256");
        assertThat(claims.path("iss").asText()).isEqualTo("12345");
        assertThat(claims.path("iat").asLong()).isEqualTo(T0.getEpochSecond() - 60);
        assertThat(claims.path("exp").asLong() - T0.getEpochSecond()).isPositive().isLessThanOrEqualTo(600);
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isLessThanOrEqualTo(600);
        assertThat(statusTokens()).containsExactly("Bearer ghs_one");
    }

    @Test
    void aPkcs8KeyWorksToo() {
        report(client(TestKeys.pkcs8Pem(keys)));

        assertThat(statusTokens()).containsExactly("Bearer ghs_one");
    }

    @Test
    void theInstallationTokenIsKeptAndRenewedFiveMinutesBeforeItExpires() {
        GitHubClient client = client(TestKeys.pkcs1Pem(keys));

        report(client);
        report(client);
        clock.advance(Duration.ofMinutes(54));
        report(client);
        assertThat(requests(postRequestedFor(urlPathEqualTo(TOKENS)))).hasSize(1);

        clock.advance(Duration.ofMinutes(1).plusSeconds(1)); // 4 min 59 s before expiry
        report(client);

        assertThat(requests(postRequestedFor(urlPathEqualTo(TOKENS)))).hasSize(2);
        assertThat(statusTokens()).containsExactly("Bearer ghs_one", "Bearer ghs_one", "Bearer ghs_one", "Bearer ghs_two");
    }

    @Test
    void aRevokedTokenIsReplacedOnceOnA401() {
        server().resetMappings();
        stub(post(urlPathEqualTo(TOKENS)).inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(201).withBody(token("ghs_one", T0.plus(Duration.ofHours(1)))))
                .willSetStateTo("one issued"));
        stub(post(urlPathEqualTo(TOKENS)).inScenario("tokens").whenScenarioStateIs("one issued")
                .willReturn(aResponse().withStatus(201).withBody(token("ghs_two", T0.plus(Duration.ofHours(1))))));
        stub(post(urlPathEqualTo(STATUS)).withHeader("Authorization", equalTo("Bearer ghs_one"))
                .willReturn(aResponse().withStatus(401).withBody("{\"message\":\"Bad credentials\"}")));
        stub(post(urlPathEqualTo(STATUS)).withHeader("Authorization", equalTo("Bearer ghs_two"))
                .willReturn(aResponse().withStatus(201).withBody("{}")));

        report(client(TestKeys.pkcs1Pem(keys)));

        assertThat(statusTokens()).containsExactly("Bearer ghs_one", "Bearer ghs_two");
    }

    @Test
    void aRefusedTokenRequestIsAPermanentError() {
        server().resetMappings();
        stub(post(urlPathEqualTo(TOKENS)).willReturn(aResponse().withStatus(401)
                .withBody("{\"message\":\"'Expiration time' claim ('exp') is too far in the future\"}")));

        assertThatThrownBy(() -> report(client(TestKeys.pkcs1Pem(keys))))
                .isInstanceOfSatisfying(GitHubApiException.class, e -> {
                    assertThat(e.operation()).isEqualTo("github.app.token");
                    assertThat(e.retryable()).isFalse();
                });
        assertThat(requests(postRequestedFor(urlPathEqualTo(STATUS)))).isEmpty();
    }

    @Test
    void unusableKeysAreConfigurationErrorsThatNeverQuoteTheKey() {
        String pem = TestKeys.pkcs8Pem(keys);
        String body = pem.split("\n")[1];
        for (String bad : List.of("not a key", pem.replace("PRIVATE KEY", "ENCRYPTED PRIVATE KEY"),
                pem.replace(body, body.substring(0, 20) + "!!!!"), pem.replace("PRIVATE KEY", "CERTIFICATE"),
                "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----")) {
            assertThatThrownBy(() -> client(bad)).isInstanceOfSatisfying(ConfigurationException.class,
                    e -> assertThat(e.getMessage()).doesNotContain(body.substring(0, 20)).contains("private key"));
        }
    }
}
