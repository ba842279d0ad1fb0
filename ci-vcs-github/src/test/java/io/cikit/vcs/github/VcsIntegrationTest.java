package io.cikit.vcs.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.cikit.vcs.github.GitHubStub.body;
import static io.cikit.vcs.github.GitHubStub.requests;
import static io.cikit.vcs.github.GitHubStub.server;
import static io.cikit.vcs.github.GitHubStub.stub;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cikit.core.event.EventType;
import io.cikit.core.event.PullRequestEvent;
import io.cikit.core.report.CommitStatus;
import io.cikit.core.report.VcsIntegration;
import io.cikit.core.result.ResultFormat;
import io.cikit.core.result.TestResult;
import io.cikit.core.result.TestResults;
import io.cikit.core.result.TestStatus;
import io.cikit.core.trigger.TriggerDecision;
import io.cikit.core.trigger.TriggerPolicy;
import io.cikit.core.webhook.WebhookResult;
import io.cikit.core.webhook.Webhooks;
import io.cikit.vcs.github.GitHubWebhookParserContractTest.GitHubDeliveries;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The facade end to end: a signed pull_request delivery in, a trigger decision on its files, statuses out. */
class VcsIntegrationTest {
    private static final String STATUSES = "/repos/Codertocat/Hello-World/statuses/ec26c3e57ca3a959ca5aad62de7213c562f8c821";
    private static final String COMPARE = "/repos/Codertocat/Hello-World/compare/"
            + "f95f852bd8fca8fcc58a9a2d6c842781e32a215e...ec26c3e57ca3a959ca5aad62de7213c562f8c821";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private VcsIntegration vcs;

    @BeforeEach
    void setUp() {
        server().resetAll();
        stub(post(urlPathEqualTo(STATUSES)).willReturn(aResponse().withStatus(201).withBody("{}")));
        vcs = VcsIntegration.builder()
                .webhooks(Webhooks.builder().discoverParsers(false).parser(new GitHubWebhookParser())
                        .secret("github", GitHubWebhookParserContractTest.SECRET).meterRegistry(registry).build())
                .client(GitHubStub.client())
                .defaultContext("cikit/lab")
                .meterRegistry(registry)
                .build();
    }

    private static TestResults results(int passed, List<String> failed, int skipped) {
        List<TestResult> all = new ArrayList<>();
        failed.forEach(name -> all.add(TestResult.builder(name, TestStatus.FAIL).build()));
        for (int i = 0; i < passed; i++) {
            all.add(TestResult.builder("pass/" + i, TestStatus.PASS).build());
        }
        for (int i = 0; i < skipped; i++) {
            all.add(TestResult.builder("skip/" + i, TestStatus.SKIP).build());
        }
        return new TestResults(ResultFormat.KTAP, all, false);
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = VcsIntegrationTest.class.getResourceAsStream("/github/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void aPullRequestIsFilteredByItsChangedFilesAndReportedPendingThenFailed() throws IOException {
        stub(get(urlPathEqualTo(COMPARE)).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"files\":[{\"filename\":\"drivers/net/e1000.c\",\"status\":\"modified\"}]}")));
        TriggerPolicy policy = TriggerPolicy.builder().includePaths("drivers/**").changedFiles(vcs.changedFiles())
                .meterRegistry(registry).build();
        List<TriggerDecision> decisions = new ArrayList<>();
        vcs.on(PullRequestEvent.class, pr -> {
            TriggerDecision decision = policy.decide(pr);
            decisions.add(decision);
            if (decision.trigger()) {
                vcs.reportPending(pr.repository(), pr.pullRequest().headSha());
            }
        });
        List<EventType> seen = new ArrayList<>();
        vcs.on(EventType.PULL_REQUEST, e -> seen.add(e.type()));

        WebhookResult result = vcs.handleWebhook(GitHubDeliveries.signed(fixture("pull_request.opened.json"),
                "pull_request", GitHubWebhookParserContractTest.SECRET, "d-1"));

        assertThat(result).isInstanceOf(WebhookResult.Accepted.class);
        assertThat(seen).containsExactly(EventType.PULL_REQUEST);
        assertThat(decisions).singleElement().satisfies(d -> assertThat(d.trigger()).isTrue());
        JsonNode pending = body(requests(postRequestedFor(urlPathEqualTo(STATUSES))).get(0));
        assertThat(pending.path("state").asText()).isEqualTo("pending");
        assertThat(pending.path("context").asText()).isEqualTo("cikit/lab");
        assertThat(pending.path("description").asText()).isEqualTo(VcsIntegration.PENDING_DESCRIPTION);

        PullRequestEvent pr = (PullRequestEvent) ((WebhookResult.Accepted) result).event();
        CommitStatus reported = vcs.reportTestResults(pr.repository(), pr.pullRequest().headSha(), "cikit/lab/rpi4",
                results(57, List.of("kselftest/net/ping", "kunit/ext4"), 3),
                Optional.of(URI.create("https://lab.example/runs/12")));

        JsonNode done = body(requests(postRequestedFor(urlPathEqualTo(STATUSES))).get(1));
        assertThat(done.path("state").asText()).isEqualTo("failure");
        assertThat(reported.state()).isEqualTo(io.cikit.core.report.StatusState.FAILURE);
        assertThat(done.path("context").asText()).isEqualTo("cikit/lab/rpi4");
        assertThat(done.path("description").asText())
                .isEqualTo("2 failed, 57 passed, 3 skipped | kselftest/net/ping, kunit/ext4");
        assertThat(done.path("target_url").asText()).isEqualTo("https://lab.example/runs/12");
        assertThat(registry.get("cikit.vcs.reports").tag("kind", "status").tag("outcome", "ok").counter().count())
                .isEqualTo(2.0);
    }

    @Test
    void aPullRequestTouchingOnlyOtherPathsIsNotReported() throws IOException {
        stub(get(urlPathEqualTo(COMPARE)).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"files\":[{\"filename\":\"README.md\",\"status\":\"modified\"}]}")));
        TriggerPolicy policy = TriggerPolicy.builder().includePaths("drivers/**").changedFiles(vcs.changedFiles())
                .meterRegistry(registry).build();
        List<TriggerDecision> decisions = new ArrayList<>();
        vcs.on(PullRequestEvent.class, pr -> decisions.add(policy.decide(pr)));

        vcs.handleWebhook(GitHubDeliveries.signed(fixture("pull_request.opened.json"), "pull_request",
                GitHubWebhookParserContractTest.SECRET, "d-2"));

        assertThat(decisions).singleElement().satisfies(d -> assertThat(d.trigger()).isFalse());
        assertThat(requests(postRequestedFor(urlPathEqualTo(STATUSES)))).isEmpty();
    }

    @Test
    void aFailedReportIsCountedAndRethrown() {
        server().resetAll();
        stub(post(urlPathEqualTo(STATUSES)).willReturn(aResponse().withStatus(404).withBody("{\"message\":\"Not Found\"}")));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> vcs.reportPending(
                io.cikit.core.event.Repository.named("Codertocat/Hello-World"), "ec26c3e57ca3a959ca5aad62de7213c562f8c821"))
                .isInstanceOf(GitHubApiException.class);
        assertThat(registry.get("cikit.vcs.reports").tag("outcome", "failed").counter().count()).isEqualTo(1.0);
    }
}
