package io.cikit.vcs.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.cikit.vcs.github.GitHubStub.body;
import static io.cikit.vcs.github.GitHubStub.requests;
import static io.cikit.vcs.github.GitHubStub.server;
import static io.cikit.vcs.github.GitHubStub.stub;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cikit.core.event.Repository;
import io.cikit.core.report.CommitStatus;
import io.cikit.core.report.StatusState;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Commit statuses as GitHub receives them: limits applied, headers set, errors mapped. */
class GitHubStatusTest {
    private static final Repository REPO = Repository.named("acme/kernel");
    private static final String SHA = "6113728f27ae82c7b1a177c8d03f9e96e0adf246";
    private static final String PATH = "/repos/acme/kernel/statuses/" + SHA;

    @BeforeEach
    void reset() {
        server().resetAll();
    }

    /** GitHub's own rule: over 140 characters is a 422. WireMock enforces it the same way. */
    private static void githubStatusEndpoint(String path) {
        stub(post(urlPathEqualTo(path)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.description", matching("(?s).{0,140}")))
                .willReturn(aResponse().withStatus(201).withBody("{\"id\":1,\"state\":\"success\"}")));
        stub(post(urlPathEqualTo(path)).atPriority(2)
                .withRequestBody(matchingJsonPath("$.description"))
                .willReturn(aResponse().withStatus(422).withBody(
                        "{\"message\":\"Validation Failed\",\"errors\":[{\"message\":\"description is too long (maximum is 140 characters)\"}]}")));
        stub(post(urlPathEqualTo(path)).atPriority(3).willReturn(aResponse().withStatus(201).withBody("{\"id\":2}")));
    }

    @Test
    void aLongDescriptionIsCutTo140WithAnEllipsisAndNeverRejected() {
        githubStatusEndpoint(PATH);
        String longText = "Boot test on rpi4 😀 ".repeat(30);

        GitHubStub.client().setStatus(REPO, SHA, CommitStatus.of(StatusState.FAILURE, "cikit/rpi4/boot")
                .withDescription(longText).withTargetUrl(URI.create("https://lab.example/runs/7")));

        List<LoggedRequest> sent = requests(postRequestedFor(urlPathEqualTo(PATH)));
        assertThat(sent).hasSize(1);
        JsonNode json = body(sent.get(0));
        String description = json.path("description").asText();
        assertThat(description.length()).isLessThanOrEqualTo(140);
        assertThat(description).endsWith("…");
        assertThat(longText).startsWith(description.substring(0, description.length() - 1));
        assertThat(json.path("state").asText()).isEqualTo("failure");
        assertThat(json.path("context").asText()).isEqualTo("cikit/rpi4/boot");
        assertThat(json.path("target_url").asText()).isEqualTo("https://lab.example/runs/7");
    }

    @Test
    void aShortDescriptionGoesAsIsAndLineBreaksBecomeSpaces() {
        githubStatusEndpoint(PATH);

        GitHubStub.client().setStatus(REPO, SHA, CommitStatus.of(StatusState.SUCCESS, "cikit")
                .withDescription("42 passed\n3 skipped"));

        JsonNode json = body(requests(postRequestedFor(urlPathEqualTo(PATH))).get(0));
        assertThat(json.path("description").asText()).isEqualTo("42 passed 3 skipped");
        assertThat(json.has("target_url")).isFalse();
    }

    @Test
    void callsCarryTheTokenTheMediaTypeAndTheApiVersion() {
        githubStatusEndpoint(PATH);

        GitHubStub.client().setStatus(REPO, SHA, CommitStatus.of(StatusState.PENDING, "cikit"));

        server().verify(postRequestedFor(urlPathEqualTo(PATH))
                .withHeader("Authorization", equalTo("Bearer " + GitHubStub.TOKEN.reveal()))
                .withHeader("Accept", equalTo("application/vnd.github+json"))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28"))
                .withHeader("User-Agent", matching(".+")));
    }

    @Test
    void anEnterpriseServerIsReachedUnderItsApiV3Root() {
        githubStatusEndpoint("/api/v3" + PATH);
        GitHubClient client = GitHubClient.builder().apiUrl(URI.create(GitHubStub.base() + "api/v3"))
                .token(GitHubStub.TOKEN).transport(GitHubStub.fastTransport()).build();

        client.setStatus(REPO, SHA, CommitStatus.of(StatusState.SUCCESS, "cikit"));

        assertThat(client.apiUrl().toString()).endsWith("/api/v3/");
        assertThat(requests(postRequestedFor(urlPathEqualTo("/api/v3" + PATH)))).hasSize(1);
    }

    @Test
    void aValidationErrorIsNotRetryableAndQuotesGitHub() {
        stub(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(422).withBody(
                "{\"message\":\"Validation Failed\",\"errors\":[{\"resource\":\"Status\",\"code\":\"custom\","
                        + "\"message\":\"This SHA and context has reached the maximum number of statuses.\"}]}")));

        assertThatThrownBy(() -> GitHubStub.client().setStatus(REPO, SHA, CommitStatus.of(StatusState.SUCCESS, "cikit")))
                .isInstanceOfSatisfying(GitHubApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.operation()).isEqualTo("github.status");
                    assertThat(e.getMessage()).contains("Validation Failed", "maximum number of statuses")
                            .doesNotContain(GitHubStub.TOKEN.reveal());
                });
    }

    @Test
    void aServerErrorIsRetryableAndAPostIsNotRepeated() {
        stub(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(502).withBody("<html>bad gateway</html>")));

        assertThatThrownBy(() -> GitHubStub.client().setStatus(REPO, SHA, CommitStatus.of(StatusState.SUCCESS, "cikit")))
                .isInstanceOfSatisfying(GitHubApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(502);
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.githubMessage()).contains("<html>bad gateway</html>");
                });
        assertThat(requests(postRequestedFor(urlPathEqualTo(PATH)))).hasSize(1);
    }

    @Test
    void badCredentialsAreNotRetryable() {
        stub(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(401)
                .withBody("{\"message\":\"Bad credentials\"}")));

        assertThatThrownBy(() -> GitHubStub.client().setStatus(REPO, SHA, CommitStatus.of(StatusState.SUCCESS, "cikit")))
                .isInstanceOfSatisfying(GitHubApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e).isNotInstanceOf(GitHubRateLimitException.class);
                });
    }

    @Test
    void namesThatCouldChangeThePathAreEncodedOrRefused() {
        stub(post(urlPathEqualTo("/repos/acme/k%3Fx%3D1%23y/statuses/abc%2F..%2Fz"))
                .willReturn(aResponse().withStatus(201).withBody("{}")));

        GitHubStub.client().setStatus(Repository.named("acme/k?x=1#y"), "abc/../z", CommitStatus.of(StatusState.SUCCESS, "c"));

        assertThat(server().getAllServeEvents()).singleElement()
                .satisfies(e -> assertThat(e.getResponse().getStatus()).isEqualTo(201));
        assertThatThrownBy(() -> GitHubStub.client().setStatus(Repository.named("a/b/c"), SHA,
                CommitStatus.of(StatusState.SUCCESS, "c"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GitHubStub.client().setStatus(Repository.named("a/b"), " ",
                CommitStatus.of(StatusState.SUCCESS, "c"))).isInstanceOf(IllegalArgumentException.class);
    }
}
