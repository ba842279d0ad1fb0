package io.cikit.vcs.gitlab;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.cikit.core.build.BuildInfo;
import io.cikit.core.config.Secret;
import io.cikit.core.event.BuildEvent;
import io.cikit.core.event.CommentEvent;
import io.cikit.core.event.PullRequestEvent;
import io.cikit.core.http.Headers;
import io.cikit.core.http.HttpTransport;
import io.cikit.core.webhook.WebhookRequest;
import io.cikit.core.webhook.WebhookResult;
import io.cikit.core.webhook.Webhooks;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The snippets of {@code docs/vcs-gitlab.md}, compiled and run; and checked to be on the page as written here. */
class GitLabDocsExamplesTest {
    private static final Path PAGE = Path.of("..", "docs", "vcs-gitlab.md");
    private static final Path SOURCE = Path.of("src", "test", "java", "io", "cikit", "vcs", "gitlab", "GitLabDocsExamplesTest.java");

    @Test
    void receivingGitLabWebhooks() {
        String tokenFromConfig = GitLabFixtures.TOKEN.reveal();
        Map<String, String> receivedHeaders = Map.of("X-Gitlab-Event", "Pipeline Hook", "X-Gitlab-Token", tokenFromConfig,
                "Idempotency-Key", "1f0b8d0e-5c1b-4a3e-9a53-1d7e2c3b4a55", "Content-Type", "application/json");
        byte[] rawBody = GitLabFixtures.bytes("pipeline.json");
        List<BuildInfo> finished = new ArrayList<>();
        List<String> commands = new ArrayList<>();

        // snippet:receive start
        Webhooks webhooks = Webhooks.builder()
                .secret("gitlab", Secret.of(tokenFromConfig))      // X-Gitlab-Token; add more for rotation
                .on(BuildEvent.class, e -> {
                    if (e.build().complete()) {
                        finished.add(e.build());                  // system "gitlab-ci", status mapped
                    }
                })
                .on(PullRequestEvent.class, e -> System.out.println(e.action().kind() + " !" + e.pullRequest().number()))
                .on(CommentEvent.class, e -> commands.add(e.body()))  // notes on MRs and issues
                .build();

        WebhookResult result = webhooks.handle("gitlab", WebhookRequest.of(Headers.of(receivedHeaders), rawBody));
        int httpStatus = result.httpStatus();                     // answer GitLab with this, within 10 s
        // snippet:receive end

        assertThat(httpStatus).isEqualTo(202);
        assertThat(finished).singleElement().satisfies(b -> {
            assertThat(b.system()).isEqualTo("gitlab-ci");
            assertThat(b.buildId()).isEqualTo("pipeline:31");
        });
        assertThat(commands).isEmpty();
    }

    @Test
    void reportingBackToGitLab() {
        WireMockServer gitlab = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        gitlab.start();
        try {
            gitlab.stubFor(post(urlPathEqualTo("/api/v4/projects/lab%2Fbsp%2Flinux/statuses/2293ada6b400935a1378653304eaf6221e0fdb8f"))
                    .willReturn(okJson("{\"id\":1}")));
            gitlab.stubFor(get(urlPathEqualTo("/api/v4/projects/lab%2Fbsp%2Flinux/merge_requests/12/notes")).willReturn(okJson("[]")));
            gitlab.stubFor(post(urlPathEqualTo("/api/v4/projects/lab%2Fbsp%2Flinux/merge_requests/12/notes")).willReturn(okJson("{\"id\":5}")));
            URI instance = URI.create("http://localhost:" + gitlab.port());
            Secret token = Secret.of("glpat-example");
            HttpTransport transport = HttpTransport.builder().meterRegistry(new SimpleMeterRegistry()).build();
            String sha = "2293ada6b400935a1378653304eaf6221e0fdb8f";
            String markdownReport = "| board | result |\n|---|---|\n| rk3588 | pass |";

            // snippet:report start
            GitLabClient gitlabClient = GitLabClient.builder()
                    .baseUrl(instance)                            // https://gitlab.example.com; /api/v4 is added
                    .auth(GitLabAuth.privateToken(token))         // or oauth(token), jobToken(token)
                    .transport(transport)                         // shared: retries, 429 waits, redirects
                    .build();

            gitlabClient.setCommitStatus("lab/bsp/linux", sha,
                    GitLabCommitStatus.builder(GitLabCommitState.RUNNING, "lab/rk3588")
                            .targetUrl("https://lab.example.com/jobs/17")
                            .description("booting on rk3588")
                            .build());
            gitlabClient.upsertStickyNote("lab/bsp/linux", 12, "lab-report", markdownReport);
            // snippet:report end

            gitlab.verify(postRequestedFor(urlPathEqualTo("/api/v4/projects/lab%2Fbsp%2Flinux/merge_requests/12/notes")));
        } finally {
            gitlab.stop();
        }
    }

    @Test
    void thePageShowsTheSnippetsAsCompiledHere() throws IOException {
        String page = Files.readString(PAGE, StandardCharsets.UTF_8);
        String source = Files.readString(SOURCE, StandardCharsets.UTF_8);

        for (String name : List.of("receive", "report")) {
            String snippet = snippet(source, name);
            assertThat(snippet).as(name).isNotBlank();
            assertThat(page).as("docs/vcs-gitlab.md shows snippet " + name).contains(snippet);
        }
    }

    /** The lines between the markers, with their common indentation removed. */
    private static String snippet(String source, String name) {
        String start = "// snippet:" + name + " start\n";
        String end = "// snippet:" + name + " end";
        int from = source.indexOf(start) + start.length();
        int to = source.lastIndexOf('\n', source.indexOf(end));
        return source.substring(from, to).stripIndent();
    }
}
