package io.cikit.examples.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cikit gitlab} against WireMock playing GitLab. */
class GitLabCommandTest {
    private WireMockServer gitlab;

    @BeforeEach
    void start() {
        gitlab = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        gitlab.start();
    }

    @AfterEach
    void stop() {
        gitlab.stop();
    }

    @Test
    void statusPostsTheStateWithThePrivateToken() {
        gitlab.stubFor(post(urlPathMatching("/api/v4/projects/.*/statuses/abc123"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":1,\"status\":\"success\",\"name\":\"rpi4/ltp\"}")));

        CliRun run = CliRun.of("gitlab", "status", "--url", gitlab.baseUrl(), "--token", "glpat-secret",
                "--project", "lab/linux", "--sha", "abc123", "--state", "success", "--name", "rpi4/ltp");

        assertThat(run.exit()).isZero();
        assertThat(run.json().path("ok").asBoolean()).isTrue();
        gitlab.verify(postRequestedFor(urlPathMatching("/api/v4/projects/.*/statuses/abc123"))
                .withHeader("PRIVATE-TOKEN", equalTo("glpat-secret"))
                .withRequestBody(matchingJsonPath("$.state", equalTo("success"))));
        assertThat(run.out() + run.err()).doesNotContain("glpat-secret");
    }

    @Test
    void aStickyCommentIsCreatedWhenNoEarlierNoteCarriesItsMarker() {
        gitlab.stubFor(get(urlPathMatching("/api/v4/projects/.*/merge_requests/7/notes"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("[]")));
        gitlab.stubFor(post(urlPathMatching("/api/v4/projects/.*/merge_requests/7/notes"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":99,\"body\":\"x\",\"system\":false}")));

        CliRun run = CliRun.of("gitlab", "comment", "--url", gitlab.baseUrl(), "--token", "t", "--project", "42",
                "--mr", "7", "--body", "12 passed", "--sticky", "lab-report");

        assertThat(run.exit()).isZero();
        assertThat(run.json().path("noteId").asLong()).isEqualTo(99);
    }

    @Test
    void aRefusedRequestExitsOneWithTheError() {
        gitlab.stubFor(post(urlPathMatching("/api/v4/projects/.*/statuses/.*"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"403 Forbidden\"}")));

        CliRun run = CliRun.of("gitlab", "status", "--url", gitlab.baseUrl(), "--token", "t", "--project", "1",
                "--sha", "s", "--state", "failed", "--name", "n");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.json().path("ok").asBoolean()).isFalse();
        assertThat(run.json().path("retryable").asBoolean()).isFalse();
        assertThat(run.json().path("status").asInt()).isEqualTo(403);
        assertThat(run.err()).contains("403");
    }

    @Test
    void aNoteBodyComesFromAFile(@TempDir Path dir) throws IOException {
        Path body = Files.writeString(dir.resolve("report.md"), "## Boot report\nall green\n");
        gitlab.stubFor(post(urlPathMatching("/api/v4/projects/.*/merge_requests/7/notes"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":5,\"body\":\"x\",\"system\":false}")));

        CliRun run = CliRun.of("gitlab", "comment", "--url", gitlab.baseUrl(), "--token", "t", "--project", "42",
                "--mr", "7", "--body-file", body.toString());

        assertThat(run.exit()).isZero();
        gitlab.verify(postRequestedFor(urlPathMatching("/api/v4/projects/.*/merge_requests/7/notes"))
                .withRequestBody(matchingJsonPath("$.body", equalTo("## Boot report\nall green\n"))));
    }

    @Test
    void bodyAndBodyFileTogetherOrAMissingBodyFileAreUsageErrors() {
        CliRun both = CliRun.of("gitlab", "comment", "--url", gitlab.baseUrl(), "--token", "t", "--project", "42",
                "--mr", "7", "--body", "a", "--body-file", "b");
        CliRun missing = CliRun.of("gitlab", "comment", "--url", gitlab.baseUrl(), "--token", "t", "--project", "42",
                "--mr", "7", "--body-file", "no-such-report.md");

        assertThat(both.exit()).isEqualTo(2);
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.json().path("error").asText()).contains("no-such-report.md");
        assertThat(gitlab.getAllServeEvents()).isEmpty();
    }
}
