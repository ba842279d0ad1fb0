package io.cikit.vcs.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.cikit.vcs.github.GitHubStub.requests;
import static io.cikit.vcs.github.GitHubStub.server;
import static io.cikit.vcs.github.GitHubStub.stub;
import static org.assertj.core.api.Assertions.assertThat;

import io.cikit.core.config.CiConfig;
import io.cikit.core.config.Secret;
import io.cikit.core.event.PullRequestEvent;
import io.cikit.core.event.Repository;
import io.cikit.core.http.HttpTransport;
import io.cikit.core.report.CommentRef;
import io.cikit.core.report.CommitDiff;
import io.cikit.core.report.CommitStatus;
import io.cikit.core.report.StatusState;
import io.cikit.core.report.VcsIntegration;
import io.cikit.core.result.ResultParser;
import io.cikit.core.result.TestResults;
import io.cikit.core.webhook.WebhookResult;
import io.cikit.core.webhook.Webhooks;
import io.cikit.vcs.github.GitHubWebhookParserContractTest.GitHubDeliveries;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The snippets of docs/vcs-github.md, compiled and run against WireMock; the page must quote them line for line. */
class GitHubDocsTest {
    private static final Path SOURCE = Path.of("src/test/java/io/cikit/vcs/github/GitHubDocsTest.java");
    private static final Path PAGE = Path.of("..", "docs", "vcs-github.md");

    @BeforeEach
    void reset() {
        server().resetAll();
        stub(any(urlPathMatching("/api/v3/repos/acme/kernel/statuses/.*")).willReturn(aResponse().withStatus(201).withBody("{}")));
        stub(get(urlPathEqualTo("/api/v3/repos/acme/kernel/issues/7/comments")).willReturn(aResponse().withStatus(200).withBody("[]")));
        stub(post(urlPathEqualTo("/api/v3/repos/acme/kernel/issues/7/comments")).willReturn(aResponse().withStatus(201)
                .withBody("{\"id\":1,\"html_url\":\"https://github.example.com/acme/kernel/pull/7#issuecomment-1\"}")));
        stub(post(urlPathEqualTo("/api/v3/repos/acme/kernel/check-runs")).willReturn(aResponse().withStatus(201)
                .withBody("{\"id\":3}")));
        stub(get(urlPathMatching("/api/v3/repos/acme/kernel/compare/.*")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"files\":[{\"filename\":\"a.c\",\"status\":\"added\"}]}")));
        stub(any(urlPathMatching("/repos/Codertocat/Hello-World/statuses/.*")).willReturn(aResponse().withStatus(201).withBody("{}")));
    }

    @Test
    void theClientSnippetRuns() {
        URI apiUrl = URI.create(GitHubStub.base() + "api/v3");
        Secret token = GitHubStub.TOKEN;
        HttpTransport http = GitHubStub.fastTransport();
        String sha = "6113728f27ae82c7b1a177c8d03f9e96e0adf246";

        // tag::client[]
        GitHubClient github = GitHubClient.builder()
                .apiUrl(apiUrl)          // https://github.example.com/api/v3 on Enterprise Server; default api.github.com
                .token(token)            // or .app(appId, privateKeyPem, installationId)
                .transport(http)         // share the application's HttpTransport
                .build();
        Repository repo = Repository.named("acme/kernel");

        github.setStatus(repo, sha, CommitStatus.of(StatusState.PENDING, CommitStatus.context("cikit", "rpi4", "boot"))
                .withDescription("Booting on rpi4"));   // any length: cut to 140 characters with an ellipsis

        CommentRef comment = github.upsertComment(repo, 7, "boot-report",
                "## Boot report\n| board | result |\n|---|---|\n| rpi4 | pass |");   // one comment per key, updated in place

        CheckRunRef check = github.createCheckRun(repo, CheckRun.builder("cikit/boot", sha)
                .conclusion(CheckConclusion.FAILURE)
                .summary("1 of 3 boards failed to boot")
                .annotation(CheckAnnotation.of("arch/arm64/boot/dts/broadcom/bcm2711-rpi-4-b.dts", 12,
                        CheckAnnotation.Level.FAILURE, "no console output after 60 s"))
                .build());                              // more than 50 annotations go in follow-up updates

        CommitDiff diff = github.commitDiff(repo, "main", sha); // files (compare API) and the unified diff
        // end::client[]

        assertThat(comment.created()).isTrue();
        assertThat(check.id()).isEqualTo(3);
        assertThat(diff.paths()).containsExactly("a.c");
        assertThat(requests(postRequestedFor(urlPathMatching("/api/v3/repos/acme/kernel/statuses/.*")))).hasSize(1);
    }

    @Test
    void theIntegrationSnippetRuns() throws IOException {
        CiConfig config = CiConfig.builder().environment(Map.of("GITHUB_TOKEN", "ghp_doc",
                "CIKIT_GITHUB_API_URL", GitHubStub.base().toString())).systemProperties(new Properties()).build();
        Webhooks webhooks = Webhooks.builder().secret("github", GitHubWebhookParserContractTest.SECRET).build();
        URI logsUrl = URI.create("https://lab.example/runs/12");
        String ktapOutput = "KTAP version 1\n1..5\nok 1 boot\nnot ok 2 net_ping\nnot ok 3 ext4_mount\n"
                + "ok 4 gpio # SKIP no GPIO header\nok 5 mmc\n";

        // tag::integration[]
        VcsIntegration vcs = VcsIntegration.builder()
                .webhooks(webhooks)
                .client("github", config.forPrefix("cikit.github"))   // the GitHubClientProvider, found by ServiceLoader
                .build();

        vcs.on(PullRequestEvent.class, pr -> vcs.reportPending(pr.repository(), pr.pullRequest().headSha()));

        // later, when the lab has run the tests:
        Repository repo = Repository.named("Codertocat/Hello-World");
        String sha = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
        TestResults results = ResultParser.ktap().parse(ktapOutput);
        CommitStatus reported = vcs.reportTestResults(repo, sha, results, Optional.of(logsUrl));
        // failure: "2 failed, 2 passed, 1 skipped | net_ping, ext4_mount", linking to the logs
        // end::integration[]

        WebhookResult result = vcs.handleWebhook(GitHubDeliveries.signed(fixture("pull_request.opened.json"),
                "pull_request", GitHubWebhookParserContractTest.SECRET, "doc-1"));
        assertThat(result).isInstanceOf(WebhookResult.Accepted.class);
        assertThat(reported.state()).isEqualTo(StatusState.FAILURE);
        assertThat(reported.description()).contains("2 failed, 2 passed, 1 skipped | net_ping, ext4_mount");
        assertThat(requests(postRequestedFor(urlPathMatching("/repos/Codertocat/Hello-World/statuses/.*")))).hasSize(2);
    }

    @Test
    void thePageQuotesTheSnippetsLineForLine() throws IOException {
        String source = Files.readString(SOURCE);
        String page = Files.readString(PAGE);

        for (String tag : List.of("client", "integration")) {
            assertThat(page).as("docs/vcs-github.md quotes the `%s` snippet", tag).contains(snippet(source, tag));
        }
    }

    private static String snippet(String source, String tag) {
        String start = "// tag::" + tag + "[]";
        String tagged = source.substring(source.indexOf(start) + start.length(), source.indexOf("// end::" + tag + "[]"));
        String[] lines = tagged.split("\n");
        int indent = Arrays.stream(lines).filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return Arrays.stream(lines).map(l -> l.length() >= indent ? l.substring(indent) : l.strip())
                .collect(Collectors.joining("\n")).strip();
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = GitHubDocsTest.class.getResourceAsStream("/github/" + name)) {
            return in.readAllBytes();
        }
    }
}
