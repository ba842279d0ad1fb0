package io.cikit.vcs.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
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
import io.cikit.core.event.Repository;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Check runs: one create, annotations 50 per request, texts within GitHub's limits. */
class GitHubCheckRunTest {
    private static final Repository REPO = Repository.named("acme/kernel");
    private static final String SHA = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @BeforeEach
    void reset() {
        server().resetAll();
        stub(post(urlPathEqualTo("/repos/acme/kernel/check-runs")).willReturn(aResponse().withStatus(201)
                .withBody("{\"id\":4,\"html_url\":\"https://github.com/acme/kernel/runs/4\",\"status\":\"completed\"}")));
        stub(patch(urlPathEqualTo("/repos/acme/kernel/check-runs/4")).willReturn(aResponse().withStatus(200)
                .withBody("{\"id\":4,\"html_url\":\"https://github.com/acme/kernel/runs/4\"}")));
    }

    private static GitHubClient client() {
        return GitHubStub.clientBuilder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }

    private static List<CheckAnnotation> annotations(int n) {
        return IntStream.range(0, n).mapToObj(i -> CheckAnnotation.of("drivers/net/e" + i + ".c", i + 1,
                CheckAnnotation.Level.WARNING, "warning " + i)).toList();
    }

    @Test
    void oneHundredTwentyAnnotationsTakeOneCreateAndTwoUpdates() {
        CheckRunRef ref = client().createCheckRun(REPO, CheckRun.builder("cikit/rpi4", SHA)
                .conclusion(CheckConclusion.FAILURE)
                .title("Boot and kselftest")
                .summary("3 failures")
                .annotations(annotations(120))
                .build());

        assertThat(ref.id()).isEqualTo(4);
        assertThat(ref.requests()).isEqualTo(3);
        assertThat(ref.htmlUrl()).contains(URI.create("https://github.com/acme/kernel/runs/4"));

        List<JsonNode> creates = requests(postRequestedFor(urlPathEqualTo("/repos/acme/kernel/check-runs")))
                .stream().map(GitHubStub::body).toList();
        assertThat(creates).hasSize(1);
        JsonNode create = creates.get(0);
        assertThat(create.path("name").asText()).isEqualTo("cikit/rpi4");
        assertThat(create.path("head_sha").asText()).isEqualTo(SHA);
        assertThat(create.path("status").asText()).isEqualTo("completed");
        assertThat(create.path("conclusion").asText()).isEqualTo("failure");
        assertThat(create.path("completed_at").asText()).isEqualTo("2026-03-01T12:00:00Z");
        assertThat(create.path("output").path("annotations")).hasSize(50);
        assertThat(create.path("output").path("annotations").get(0).path("annotation_level").asText()).isEqualTo("warning");
        assertThat(create.path("output").path("annotations").get(0).path("path").asText()).isEqualTo("drivers/net/e0.c");

        List<JsonNode> updates = new ArrayList<>(requests(patchRequestedFor(urlPathEqualTo("/repos/acme/kernel/check-runs/4")))
                .stream().map(GitHubStub::body).toList());
        assertThat(updates).hasSize(2);
        assertThat(updates).extracting(u -> u.path("output").path("annotations").size()).containsExactly(50, 20);
        assertThat(updates.get(0).path("output").path("annotations").get(0).path("path").asText()).isEqualTo("drivers/net/e50.c");
        assertThat(updates.get(1).path("output").path("annotations").get(19).path("path").asText()).isEqualTo("drivers/net/e119.c");
        for (JsonNode update : updates) {
            // GitHub requires title and summary in every output object
            assertThat(update.path("output").path("title").asText()).isEqualTo("Boot and kselftest");
            assertThat(update.path("output").path("summary").asText()).isEqualTo("3 failures");
            assertThat(update.has("conclusion")).isFalse();
        }
    }

    @Test
    void fiftyAnnotationsOrFewerTakeOneRequest() {
        CheckRunRef ref = client().createCheckRun(REPO, CheckRun.builder("c", SHA).status(CheckStatus.IN_PROGRESS)
                .annotations(annotations(50)).build());

        assertThat(ref.requests()).isEqualTo(1);
        assertThat(requests(patchRequestedFor(urlPathEqualTo("/repos/acme/kernel/check-runs/4")))).isEmpty();
        JsonNode create = body(requests(postRequestedFor(urlPathEqualTo("/repos/acme/kernel/check-runs"))).get(0));
        assertThat(create.path("status").asText()).isEqualTo("in_progress");
        assertThat(create.has("conclusion")).isFalse();
        assertThat(create.path("output").path("title").asText()).isEqualTo("c");
    }

    @Test
    void summaryAndTextAreCutTo65535WithANoticePointingAtTheDetails() {
        String huge = "x".repeat(70_000);

        client().createCheckRun(REPO, CheckRun.builder("c", SHA).conclusion(CheckConclusion.SUCCESS)
                .detailsUrl(URI.create("https://lab.example/runs/9")).summary(huge).text(huge + "y").build());

        JsonNode output = body(requests(postRequestedFor(urlPathEqualTo("/repos/acme/kernel/check-runs"))).get(0))
                .path("output");
        for (String field : List.of("summary", "text")) {
            String sent = output.path(field).asText();
            assertThat(sent.length()).isLessThanOrEqualTo(65_535);
            assertThat(sent).startsWith("xxxx").endsWith("truncated, see https://lab.example/runs/9");
        }
    }

    @Test
    void anUpdateSendsOnlyWhatIsSetAndBatchesItsAnnotationsToo() {
        CheckRunRef ref = client().updateCheckRun(REPO, 4, CheckRun.update().conclusion(CheckConclusion.NEUTRAL)
                .summary("done").annotations(annotations(51)).build());

        assertThat(ref.requests()).isEqualTo(2);
        List<JsonNode> updates = requests(patchRequestedFor(urlPathEqualTo("/repos/acme/kernel/check-runs/4")))
                .stream().map(GitHubStub::body).toList();
        assertThat(updates.get(0).path("conclusion").asText()).isEqualTo("neutral");
        assertThat(updates.get(0).has("head_sha")).isFalse();
        assertThat(updates.get(0).has("name")).isFalse();
        assertThat(updates).extracting(u -> u.path("output").path("annotations").size()).containsExactly(50, 1);
    }

    @Test
    void anOversizedAnnotationMessageIsCutTo64000BytesOfUtf8() {
        String message = "€".repeat(30_000); // 90 000 bytes

        client().createCheckRun(REPO, CheckRun.builder("c", SHA)
                .annotation(CheckAnnotation.of("a.c", 1, CheckAnnotation.Level.FAILURE, message)).build());

        String sent = body(requests(postRequestedFor(urlPathEqualTo("/repos/acme/kernel/check-runs"))).get(0))
                .path("output").path("annotations").get(0).path("message").asText();
        assertThat(sent.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(64_000);
        assertThat(sent).endsWith("…").startsWith("€€€");
    }

    @Test
    void aRunWithoutNameOrShaOrWithAContradictoryStatusIsRefusedBeforeSending() {
        assertThatThrownBy(() -> client().createCheckRun(REPO, CheckRun.update().headSha(SHA).build()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client().createCheckRun(REPO, CheckRun.update().name("c").build()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CheckRun.builder("c", SHA).status(CheckStatus.QUEUED)
                .conclusion(CheckConclusion.SUCCESS).build()).isInstanceOf(IllegalArgumentException.class);
        assertThat(server().getAllServeEvents()).isEmpty();
    }

    @Test
    void aPersonalTokenRefusedForChecksIsAPermanentError() {
        stub(post(urlPathEqualTo("/repos/acme/kernel/check-runs")).willReturn(aResponse().withStatus(403)
                .withBody("{\"message\":\"You must authenticate via a GitHub App.\"}")));

        assertThatThrownBy(() -> client().createCheckRun(REPO, CheckRun.builder("c", SHA).build()))
                .isInstanceOfSatisfying(GitHubApiException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.githubMessage()).contains("You must authenticate via a GitHub App.");
                });
    }

    @Test
    void conclusionsReadTheirWireNames() {
        assertThat(CheckConclusion.fromWire("timed_out")).contains(CheckConclusion.TIMED_OUT);
        assertThat(CheckConclusion.fromWire("Action-Required")).contains(CheckConclusion.ACTION_REQUIRED);
        assertThat(CheckConclusion.fromWire("stale")).isEmpty();
    }
}
