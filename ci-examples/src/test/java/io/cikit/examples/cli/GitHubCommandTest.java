package io.cikit.examples.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cikit.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cikit github status|comment|check} against a WireMock GitHub: JSON out, exit codes 0/1/2, no token echoed. */
class GitHubCommandTest {
    private static final String TOKEN = "ghp_cli_secret_token";
    private static final String SHA = "6113728f27ae82c7b1a177c8d03f9e96e0adf246";
    private static WireMockServer github;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        github = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        github.start();
    }

    @AfterAll
    static void stop() {
        github.stop();
    }

    @BeforeEach
    void reset() {
        github.resetAll();
    }

    private static String api() {
        return "http://localhost:" + github.port() + "/api/v3";
    }

    private static CliRun cli(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(new String[] {"--token", TOKEN, "--api-url", api()}, 0, all, args.length, 4);
        CliRun run = CliRun.of(all);
        assertThat(run.out() + run.err()).doesNotContain(TOKEN);
        return run;
    }

    private static JsonNode sent(LoggedRequest request) {
        return Json.read(request.getBodyAsString().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void statusSetsTheStatusAndPrintsWhatWasSet() {
        github.stubFor(post(urlPathEqualTo("/api/v3/repos/acme/kernel/statuses/" + SHA))
                .willReturn(aResponse().withStatus(201).withBody("{\"id\":1}")));

        CliRun run = cli("github", "status", "--repo", "acme/kernel", "--sha", SHA, "--state", "failure",
                "--context", "cikit/rpi4", "--description", "x".repeat(200), "--target-url", "https://lab.example/1");

        assertThat(run.exit()).isZero();
        JsonNode out = run.json();
        assertThat(out.path("state").asText()).isEqualTo("failure");
        assertThat(out.path("context").asText()).isEqualTo("cikit/rpi4");
        assertThat(out.path("repo").asText()).isEqualTo("acme/kernel");
        List<LoggedRequest> requests = github.findAll(postRequestedFor(urlPathEqualTo("/api/v3/repos/acme/kernel/statuses/" + SHA))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        assertThat(requests).hasSize(1);
        assertThat(sent(requests.get(0)).path("description").asText()).hasSize(140).endsWith("…");
        assertThat(sent(requests.get(0)).path("target_url").asText()).isEqualTo("https://lab.example/1");
    }

    @Test
    void aRefusalByGitHubIsExitOneWithTheErrorAsJson() {
        github.stubFor(post(urlPathEqualTo("/api/v3/repos/acme/kernel/statuses/" + SHA))
                .willReturn(aResponse().withStatus(404).withBody("{\"message\":\"Not Found\"}")));

        CliRun run = cli("github", "status", "--repo", "acme/kernel", "--sha", SHA, "--state", "success", "--context", "c");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.json().path("ok").asBoolean(true)).isFalse();
        assertThat(run.json().path("status").asInt()).isEqualTo(404);
        assertThat(run.json().path("retryable").asBoolean()).isFalse();
        assertThat(run.json().path("error").asText()).contains("Not Found");
    }

    @Test
    void anUnknownStateIsAUsageError() {
        CliRun run = cli("github", "status", "--repo", "acme/kernel", "--sha", SHA, "--state", "green", "--context", "c");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.json().path("error").asText()).contains("--state");
        assertThat(github.getAllServeEvents()).isEmpty();
    }

    @Test
    void aRepoThatIsNotOwnerSlashNameIsAUsageError() {
        CliRun run = cli("github", "status", "--repo", "acme", "--sha", SHA, "--state", "success", "--context", "c");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(github.getAllServeEvents()).isEmpty();
    }

    @Test
    void aStickyCommentFromAFileUpdatesOurEarlierComment() throws IOException {
        Path body = Files.writeString(dir.resolve("report.md"), "## Boot report\nall green\n");
        github.stubFor(get(urlPathEqualTo("/api/v3/repos/acme/kernel/issues/7/comments")).withQueryParam("page", absent())
                .willReturn(aResponse().withStatus(200).withBody(
                        "[{\"id\":11,\"body\":\"hi\"},{\"id\":12,\"body\":\"<!-- cikit:boot -->\\nold\"}]")));
        github.stubFor(patch(urlPathEqualTo("/api/v3/repos/acme/kernel/issues/comments/12")).willReturn(aResponse()
                .withStatus(200).withBody("{\"id\":12,\"html_url\":\"https://github.example/acme/kernel/pull/7#issuecomment-12\"}")));

        CliRun run = cli("github", "comment", "--repo", "acme/kernel", "--number", "7", "--body-file", body.toString(),
                "--sticky", "boot");

        assertThat(run.exit()).isZero();
        assertThat(run.json().path("id").asText()).isEqualTo("12");
        assertThat(run.json().path("created").asBoolean()).isFalse();
        assertThat(run.json().path("url").asText()).endsWith("issuecomment-12");
        assertThat(sent(github.findAll(patchRequestedFor(urlPathEqualTo("/api/v3/repos/acme/kernel/issues/comments/12"))).get(0))
                .path("body").asText()).isEqualTo("<!-- cikit:boot -->\n## Boot report\nall green\n");
    }

    @Test
    void aPlainCommentIsCreated() {
        github.stubFor(post(urlPathEqualTo("/api/v3/repos/acme/kernel/issues/7/comments"))
                .willReturn(aResponse().withStatus(201).withBody("{\"id\":99}")));

        CliRun run = cli("github", "comment", "--repo", "acme/kernel", "--number", "7", "--body", "/retest");

        assertThat(run.exit()).isZero();
        assertThat(run.json().path("created").asBoolean()).isTrue();
        assertThat(run.json().path("url").isNull()).isTrue();
    }

    @Test
    void bodyAndBodyFileTogetherAreAUsageError() {
        CliRun run = cli("github", "comment", "--repo", "acme/kernel", "--number", "7", "--body", "a", "--body-file", "b");

        assertThat(run.exit()).isEqualTo(2);
    }

    @Test
    void checkCreatesACompletedRun() {
        github.stubFor(post(urlPathEqualTo("/api/v3/repos/acme/kernel/check-runs")).willReturn(aResponse().withStatus(201)
                .withBody("{\"id\":5,\"html_url\":\"https://github.example/acme/kernel/runs/5\"}")));

        CliRun run = cli("github", "check", "--repo", "acme/kernel", "--sha", SHA, "--name", "cikit/boot",
                "--conclusion", "timed_out", "--summary", "board did not answer");

        assertThat(run.exit()).isZero();
        assertThat(run.json().path("id").asLong()).isEqualTo(5);
        JsonNode body = sent(github.findAll(postRequestedFor(urlPathEqualTo("/api/v3/repos/acme/kernel/check-runs"))).get(0));
        assertThat(body.path("conclusion").asText()).isEqualTo("timed_out");
        assertThat(body.path("status").asText()).isEqualTo("completed");
        assertThat(body.path("output").path("summary").asText()).isEqualTo("board did not answer");
    }

    @Test
    void anUnknownConclusionIsAUsageError() {
        CliRun run = cli("github", "check", "--repo", "acme/kernel", "--sha", SHA, "--name", "n", "--conclusion", "stale");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(github.getAllServeEvents()).isEmpty();
    }

    @Test
    void theTokenCanComeFromTheConfiguration() {
        github.stubFor(post(urlPathEqualTo("/api/v3/repos/acme/kernel/statuses/" + SHA))
                .willReturn(aResponse().withStatus(201).withBody("{}")));
        String previous = System.getProperty("cikit.github.token");
        System.setProperty("cikit.github.token", "ghp_from_property");
        try {
            CliRun run = CliRun.of("github", "status", "--repo", "acme/kernel", "--sha", SHA, "--state", "pending",
                    "--context", "c", "--api-url", api());

            assertThat(run.exit()).isZero();
            assertThat(run.out() + run.err()).doesNotContain("ghp_from_property");
            github.verify(postRequestedFor(urlPathEqualTo("/api/v3/repos/acme/kernel/statuses/" + SHA))
                    .withHeader("Authorization", equalTo("Bearer ghp_from_property")));
        } finally {
            if (previous == null) {
                System.clearProperty("cikit.github.token");
            } else {
                System.setProperty("cikit.github.token", previous);
            }
        }
    }

    @Test
    void noCredentialsAtAllIsAUsageErrorNamingTheKeys() {
        Assumptions.assumeTrue(System.getenv("GITHUB_TOKEN") == null && System.getenv("CIKIT_GITHUB_TOKEN") == null
                && System.getenv("CIKIT_GITHUB_APP_ID") == null && System.getProperty("cikit.github.token") == null,
                "this machine's environment supplies GitHub credentials");

        CliRun run = CliRun.of("github", "status", "--repo", "acme/kernel", "--sha", SHA, "--state", "pending",
                "--context", "c", "--api-url", api());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.json().path("error").asText()).contains("cikit.github.token");
        assertThat(github.getAllServeEvents()).isEmpty();
    }
}
