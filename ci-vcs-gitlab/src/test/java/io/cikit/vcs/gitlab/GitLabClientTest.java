package io.cikit.vcs.gitlab;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.cikit.vcs.gitlab.GitLabStub.GITLAB;
import static io.cikit.vcs.gitlab.GitLabStub.HOSTS;
import static io.cikit.vcs.gitlab.GitLabStub.PROJECT;
import static io.cikit.vcs.gitlab.GitLabStub.PROJECT_PATH;
import static io.cikit.vcs.gitlab.GitLabStub.STORAGE;
import static io.cikit.vcs.gitlab.GitLabStub.base;
import static io.cikit.vcs.gitlab.GitLabStub.fastTransport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cikit.core.config.ConfigurationException;
import io.cikit.core.config.ProviderConfig;
import io.cikit.core.config.Secret;
import io.cikit.core.event.CommitInfo;
import io.cikit.core.http.Download;
import io.cikit.core.http.HttpStatusException;
import io.cikit.core.json.Json;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** WireMock plays GitLab (and, for artifact redirects, its object storage). */
class GitLabClientTest {
    private static final Secret TOKEN = Secret.of("glpat-test-0123456789");
    private static final String SHA = "2293ada6b400935a1378653304eaf6221e0fdb8f";

    @TempDir
    Path dir;

    @BeforeEach
    void reset() {
        HOSTS.reset();
    }

    private static GitLabClient client() {
        return client(GitLabAuth.privateToken(TOKEN));
    }

    private static GitLabClient client(GitLabAuth auth) {
        return GitLabStub.client(auth);
    }

    // ---- commit statuses

    @Test
    void setsACommitStatusWithNameUrlAndDescription() {
        GITLAB.stubFor(post(urlPathEqualTo(PROJECT_PATH + "/statuses/" + SHA)).willReturn(okJson("{\"id\":93,\"status\":\"running\"}")));

        boolean changed = client().setCommitStatus(PROJECT, SHA, GitLabCommitStatus.builder(GitLabCommitState.RUNNING, "lab/rk3588")
                .targetUrl("https://lab.example.com/jobs/17").description("booting on rk3588").ref("main").pipelineId(2366).build());

        assertThat(changed).isTrue();
        GITLAB.verify(postRequestedFor(urlPathEqualTo(PROJECT_PATH + "/statuses/" + SHA))
                .withHeader("PRIVATE-TOKEN", equalTo(TOKEN.reveal()))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"state\":\"running\",\"name\":\"lab/rk3588\","
                        + "\"target_url\":\"https://lab.example.com/jobs/17\",\"description\":\"booting on rk3588\","
                        + "\"ref\":\"main\",\"pipeline_id\":2366}")));
    }

    @ParameterizedTest
    @EnumSource(GitLabCommitState.class)
    void everyStateIsSentAsGitLabsWord(GitLabCommitState state) {
        GITLAB.stubFor(post(urlPathEqualTo("/api/v4/projects/42/statuses/" + SHA)).willReturn(okJson("{\"id\":1}")));

        client().setCommitStatus("42", SHA, GitLabCommitStatus.builder(state, "lab").build());

        GITLAB.verify(postRequestedFor(urlPathEqualTo("/api/v4/projects/42/statuses/" + SHA))
                .withRequestBody(matchingJsonPath("$.state", equalTo(state.wireName()))));
    }

    @Test
    void aLongDescriptionIsCut() {
        GITLAB.stubFor(post(urlPathEqualTo("/api/v4/projects/42/statuses/" + SHA)).willReturn(okJson("{\"id\":1}")));

        client().setCommitStatus("42", SHA, GitLabCommitStatus.builder(GitLabCommitState.FAILED, "lab")
                .description("x".repeat(1000)).build());

        String sent = Json.read(GITLAB.getAllServeEvents().get(0).getRequest().getBody()).get("description").asText();
        assertThat(sent).hasSize(GitLabCommitStatus.MAX_DESCRIPTION_CHARS).endsWith("…");
    }

    @Test
    void aStatusAlreadyInThatStateIsNotAnError() {
        GITLAB.stubFor(post(urlPathEqualTo("/api/v4/projects/42/statuses/" + SHA)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Cannot transition status via :run from :running (Reason(s): Status cannot transition via \\\"run\\\")\"}")));

        boolean changed = client().setCommitStatus("42", SHA, GitLabCommitStatus.builder(GitLabCommitState.RUNNING, "lab").build());

        assertThat(changed).isFalse();
    }

    @Test
    void anotherRefusalIsAnHttpStatusExceptionThatIsNotRetryable() {
        GITLAB.stubFor(post(urlPathEqualTo("/api/v4/projects/42/statuses/" + SHA)).willReturn(aResponse().withStatus(403)
                .withBody("{\"message\":\"403 Forbidden\"}")));

        assertThatThrownBy(() -> client().setCommitStatus("42", SHA, GitLabCommitStatus.builder(GitLabCommitState.SUCCESS, "lab").build()))
                .isInstanceOfSatisfying(HttpStatusException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).doesNotContain(TOKEN.reveal());
                });
    }

    // ---- auth and base URL

    @Test
    void oauthSendsABearerTokenAndJobTokenItsOwnHeader() {
        GITLAB.stubFor(post(urlPathEqualTo("/api/v4/projects/42/statuses/" + SHA)).willReturn(okJson("{\"id\":1}")));
        GitLabCommitStatus status = GitLabCommitStatus.builder(GitLabCommitState.PENDING, "lab").build();

        client(GitLabAuth.oauth(TOKEN)).setCommitStatus("42", SHA, status);
        client(GitLabAuth.jobToken(TOKEN)).setCommitStatus("42", SHA, status);
        client(GitLabAuth.none()).setCommitStatus("42", SHA, status);

        List<LoggedRequest> requests = GITLAB.findAll(postRequestedFor(urlPathEqualTo("/api/v4/projects/42/statuses/" + SHA)));
        assertThat(requests).hasSize(3);
        assertThat(requests.get(0).getHeader("Authorization")).isEqualTo("Bearer " + TOKEN.reveal());
        assertThat(requests.get(0).containsHeader("PRIVATE-TOKEN")).isFalse();
        assertThat(requests.get(1).getHeader("JOB-TOKEN")).isEqualTo(TOKEN.reveal());
        assertThat(requests.get(1).containsHeader("Authorization")).isFalse();
        assertThat(requests.get(2).containsHeader("PRIVATE-TOKEN")).isFalse();
        assertThat(requests.get(2).containsHeader("JOB-TOKEN")).isFalse();
        assertThat(requests.get(2).containsHeader("Authorization")).isFalse();
    }

    @Test
    void aSelfManagedInstanceWithARelativeRootKeepsItsPath() {
        GITLAB.stubFor(post(urlPathEqualTo("/gitlab/api/v4/projects/42/statuses/" + SHA)).willReturn(okJson("{\"id\":1}")));
        GitLabClient client = GitLabClient.builder().baseUrl(URI.create(base() + "/gitlab/")).auth(GitLabAuth.privateToken(TOKEN))
                .transport(fastTransport()).build();

        client.setCommitStatus("42", SHA, GitLabCommitStatus.builder(GitLabCommitState.SUCCESS, "lab").build());

        assertThat(client.apiRoot()).isEqualTo(URI.create(base() + "/gitlab/api/v4"));
        GITLAB.verify(postRequestedFor(urlPathEqualTo("/gitlab/api/v4/projects/42/statuses/" + SHA)));
    }

    @Test
    void theTokenNeverShowsInToString() {
        assertThat(client().toString()).doesNotContain(TOKEN.reveal()).contains("private_token");
        assertThat(GitLabAuth.oauth(TOKEN).toString()).doesNotContain(TOKEN.reveal());
    }

    @Test
    void fromConfigReadsBaseUrlTokenAndTokenType() {
        GITLAB.stubFor(post(urlPathEqualTo("/api/v4/projects/42/statuses/" + SHA)).willReturn(okJson("{\"id\":1}")));
        Map<String, String> values = Map.of("base-url", base().toString(), "token", TOKEN.reveal(), "token-type", "job");

        GitLabClient client = GitLabClient.fromConfig(ProviderConfig.of(values::get), fastTransport());
        client.setCommitStatus("42", SHA, GitLabCommitStatus.builder(GitLabCommitState.SUCCESS, "lab").build());

        GITLAB.verify(postRequestedFor(urlPathEqualTo("/api/v4/projects/42/statuses/" + SHA))
                .withHeader("JOB-TOKEN", equalTo(TOKEN.reveal())));
        assertThat(GitLabClient.fromConfig(ProviderConfig.empty(), fastTransport()).apiRoot())
                .isEqualTo(URI.create("https://gitlab.com/api/v4"));
    }

    @Test
    void fromConfigRefusesAnUnknownTokenTypeNamingTheKey() {
        assertThatThrownBy(() -> GitLabClient.fromConfig(ProviderConfig.of(Map.of("cikit.gitlab.token", "t",
                "cikit.gitlab.token-type", "kerberos")::get).forPrefix("cikit.gitlab"), fastTransport()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("token-type");
    }

    // ---- notes

    private static String notes(long... ids) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < ids.length; i++) {
            out.append(i == 0 ? "" : ",").append("{\"id\":").append(ids[i]).append(",\"body\":\"note ").append(ids[i])
                    .append("\",\"author\":{\"username\":\"dev\"},\"system\":false}");
        }
        return out.append("]").toString();
    }

    private static void stubNotePages(String page1, String page2, String page3) {
        String path = PROJECT_PATH + "/merge_requests/7/notes";
        GITLAB.stubFor(get(urlPathEqualTo(path)).withQueryParam("page", absent())
                .willReturn(okJson(page1).withHeader("X-Next-Page", "2").withHeader("X-Page", "1")));
        GITLAB.stubFor(get(urlPathEqualTo(path)).withQueryParam("page", equalTo("2"))
                .willReturn(okJson(page2).withHeader("X-Next-Page", "3").withHeader("X-Page", "2")));
        GITLAB.stubFor(get(urlPathEqualTo(path)).withQueryParam("page", equalTo("3"))
                .willReturn(okJson(page3).withHeader("X-Next-Page", "").withHeader("X-Page", "3")));
    }

    @Test
    void readsNotesAcrossThreePagesByXNextPage() {
        stubNotePages(notes(1, 2), notes(3, 4), notes(5));

        List<GitLabNote> all = client().mergeRequestNotes(PROJECT, 7);

        assertThat(all).extracting(GitLabNote::id).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(all.get(0).author()).contains("dev");
        GITLAB.verify(3, getRequestedFor(urlPathEqualTo(PROJECT_PATH + "/merge_requests/7/notes"))
                .withQueryParam("per_page", equalTo("100")).withQueryParam("sort", equalTo("asc"))
                .withHeader("PRIVATE-TOKEN", equalTo(TOKEN.reveal())));
    }

    @Test
    void followsALinkHeaderToTheNextPage() {
        String path = "/api/v4/projects/42/merge_requests/7/notes";
        String next = base() + path + "?cursor=abc&per_page=100";
        GITLAB.stubFor(get(urlPathEqualTo(path)).withQueryParam("cursor", absent())
                .willReturn(okJson(notes(1)).withHeader("Link", "<" + next + ">; rel=\"next\", <" + base() + path + ">; rel=\"first\"")));
        GITLAB.stubFor(get(urlPathEqualTo(path)).withQueryParam("cursor", equalTo("abc")).willReturn(okJson(notes(2))));

        assertThat(client().mergeRequestNotes("42", 7)).extracting(GitLabNote::id).containsExactly(1L, 2L);
    }

    @Test
    void aLinkToAnotherOriginIsNotFollowed() {
        String path = "/api/v4/projects/42/merge_requests/7/notes";
        GITLAB.stubFor(get(urlPathEqualTo(path)).willReturn(okJson(notes(1))
                .withHeader("Link", "<" + HOSTS.storageUrl(path + "?page=2") + ">; rel=\"next\"")));

        assertThat(client().mergeRequestNotes("42", 7)).extracting(GitLabNote::id).containsExactly(1L);
        assertThat(STORAGE.getAllServeEvents()).isEmpty();
    }

    @Test
    void readingStopsAtThePageLimit() {
        stubNotePages(notes(1), notes(2), notes(3));
        GitLabClient client = GitLabClient.builder().baseUrl(base()).auth(GitLabAuth.privateToken(TOKEN))
                .transport(fastTransport()).maxPages(2).build();

        assertThat(client.mergeRequestNotes(PROJECT, 7)).extracting(GitLabNote::id).containsExactly(1L, 2L);
    }

    @Test
    void theStickyNoteOnThePageThreeIsUpdatedInPlace() {
        String marked = "[{\"id\":77,\"body\":\"<!-- cikit:sticky:lab-report -->\\nold report\",\"system\":false}]";
        stubNotePages(notes(1, 2), notes(3, 4), marked);
        GITLAB.stubFor(put(urlPathEqualTo(PROJECT_PATH + "/merge_requests/7/notes/77"))
                .willReturn(okJson("{\"id\":77,\"body\":\"<!-- cikit:sticky:lab-report -->\\nnew report\"}")));

        GitLabNote note = client().upsertStickyNote(PROJECT, 7, "lab-report", "new report");

        assertThat(note.id()).isEqualTo(77);
        GITLAB.verify(putRequestedFor(urlPathEqualTo(PROJECT_PATH + "/merge_requests/7/notes/77"))
                .withRequestBody(equalToJson("{\"body\":\"<!-- cikit:sticky:lab-report -->\\nnew report\"}")));
        GITLAB.verify(0, postRequestedFor(urlPathEqualTo(PROJECT_PATH + "/merge_requests/7/notes")));
    }

    @Test
    void withoutAStickyNoteANewOneIsCreatedWithTheMarker() {
        stubNotePages(notes(1, 2), notes(3, 4), notes(5));
        GITLAB.stubFor(post(urlPathEqualTo(PROJECT_PATH + "/merge_requests/7/notes"))
                .willReturn(okJson("{\"id\":90,\"body\":\"…\"}").withStatus(201)));

        GitLabNote note = client().upsertStickyNote(PROJECT, 7, "lab-report", "**3 boards passed**");

        assertThat(note.id()).isEqualTo(90);
        GITLAB.verify(postRequestedFor(urlPathEqualTo(PROJECT_PATH + "/merge_requests/7/notes"))
                .withRequestBody(equalToJson("{\"body\":\"<!-- cikit:sticky:lab-report -->\\n**3 boards passed**\"}")));
        GITLAB.verify(3, getRequestedFor(urlPathEqualTo(PROJECT_PATH + "/merge_requests/7/notes")));
    }

    @Test
    void anUnchangedStickyNoteIsNotWrittenAgain() {
        GITLAB.stubFor(get(urlPathEqualTo("/api/v4/projects/42/merge_requests/7/notes"))
                .willReturn(okJson("[{\"id\":5,\"body\":\"<!-- cikit:sticky:r -->\\nsame\",\"system\":false}]")));

        GitLabNote note = client().upsertStickyNote("42", 7, "r", "same");

        assertThat(note.id()).isEqualTo(5);
        assertThat(GITLAB.getAllServeEvents()).hasSize(1);
    }

    @Test
    void aSystemNoteQuotingTheMarkerIsNotTheStickyNote() {
        GITLAB.stubFor(get(urlPathEqualTo("/api/v4/projects/42/merge_requests/7/notes"))
                .willReturn(okJson("[{\"id\":5,\"body\":\"mentioned <!-- cikit:sticky:r -->\",\"system\":true}]")));
        GITLAB.stubFor(post(urlPathEqualTo("/api/v4/projects/42/merge_requests/7/notes")).willReturn(okJson("{\"id\":6}")));

        assertThat(client().upsertStickyNote("42", 7, "r", "body").id()).isEqualTo(6);
    }

    @Test
    void aNoteOverAMillionCharactersIsCutWithAVisibleLine() {
        GITLAB.stubFor(post(urlPathEqualTo("/api/v4/projects/42/merge_requests/7/notes")).willReturn(okJson("{\"id\":6}")));

        client().createMergeRequestNote("42", 7, "a".repeat(1_200_000));

        String sent = Json.read(GITLAB.getAllServeEvents().get(0).getRequest().getBody()).get("body").asText();
        assertThat(sent.length()).isLessThanOrEqualTo(GitLabClient.MAX_NOTE_CHARS);
        assertThat(sent).startsWith("aaaa").contains("Truncated by cikit").contains("1200000");
    }

    @Test
    void aStickyKeyThatCouldCloseTheCommentIsRefused() {
        assertThatThrownBy(() -> client().upsertStickyNote("42", 7, "x -->", "b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client().upsertStickyNote("42", 7, "a--b", "b")).isInstanceOf(IllegalArgumentException.class);
        assertThat(GITLAB.getAllServeEvents()).isEmpty();
    }

    // ---- diffs

    @Test
    void comparesTwoRefsIntoCommitsAndFileDiffs() {
        GITLAB.stubFor(get(urlPathEqualTo(PROJECT_PATH + "/repository/compare"))
                .withQueryParam("from", equalTo("v6.1")).withQueryParam("to", equalTo("feature/rk3588 dts"))
                .willReturn(okJson("""
                        {"commit": {"id": "12d65c8dd2b2676fa3ac47d955accc085a37a9c1"},
                         "commits": [{"id": "12d65c8dd2b2676fa3ac47d955accc085a37a9c1", "short_id": "12d65c8dd2b",
                           "title": "JS fix", "author_name": "Example User", "author_email": "user@example.com",
                           "created_at": "2014-02-27T10:27:00+02:00", "message": "JS fix\\n"}],
                         "diffs": [
                           {"old_path": "arch/arm64/boot/dts/rk3588.dts", "new_path": "arch/arm64/boot/dts/rk3588.dts",
                            "a_mode": null, "b_mode": "100644", "diff": "@@ -1 +1 @@\\n-a\\n+b\\n",
                            "new_file": false, "renamed_file": false, "deleted_file": false},
                           {"old_path": "old.txt", "new_path": "old.txt", "diff": "", "new_file": false,
                            "renamed_file": false, "deleted_file": true}],
                         "compare_timeout": false, "compare_same_ref": false,
                         "web_url": "https://gitlab.example.com/lab/bsp/linux/-/compare/v6.1...feature"}""")));

        GitLabComparison comparison = client().compare(PROJECT, "v6.1", "feature/rk3588 dts");

        assertThat(comparison.commits()).singleElement().satisfies(c -> {
            assertThat(c.sha()).isEqualTo("12d65c8dd2b2676fa3ac47d955accc085a37a9c1");
            assertThat(c.message()).isEqualTo("JS fix\n");
            assertThat(c.author()).map(p -> p.name()).contains("Example User");
            assertThat(c.timestamp()).contains(Instant.parse("2014-02-27T08:27:00Z"));
        });
        assertThat(comparison.changedFiles()).containsExactly("arch/arm64/boot/dts/rk3588.dts", "old.txt");
        assertThat(comparison.diffs().get(1).deletedFile()).isTrue();
        assertThat(comparison.diffs().get(0).diff()).contains("+b");
        assertThat(comparison.timedOut()).isFalse();
        assertThat(comparison.webUrl()).isPresent();
        assertThat(comparison.commits()).extracting(CommitInfo::sha).hasSize(1);
    }

    @Test
    void readsACommitDiffAcrossPages() {
        String path = PROJECT_PATH + "/repository/commits/" + SHA + "/diff";
        GITLAB.stubFor(get(urlPathEqualTo(path)).withQueryParam("page", absent()).willReturn(okJson(
                "[{\"old_path\":\"a.c\",\"new_path\":\"a.c\",\"diff\":\"x\"}]").withHeader("X-Next-Page", "2")));
        GITLAB.stubFor(get(urlPathEqualTo(path)).withQueryParam("page", equalTo("2")).willReturn(okJson(
                "[{\"old_path\":\"b.c\",\"new_path\":\"c.c\",\"diff\":\"y\",\"renamed_file\":true}]")));

        List<GitLabFileDiff> diffs = client().commitDiff(PROJECT, SHA);

        assertThat(diffs).extracting(GitLabFileDiff::path).containsExactly("a.c", "c.c");
        assertThat(diffs.get(1).renamedFile()).isTrue();
        assertThat(diffs.get(1).oldPath()).isEqualTo("b.c");
    }

    // ---- artifacts

    @Test
    void downloadsJobArtifactsThroughARedirectWithoutSendingTheTokenToStorage() throws Exception {
        byte[] zip = new byte[150_000];
        new Random(7).nextBytes(zip);
        String blob = HOSTS.storageUrl("/artifacts/1977.zip?X-Amz-Signature=abc");
        GITLAB.stubFor(get(urlPathEqualTo(PROJECT_PATH + "/jobs/1977/artifacts"))
                .willReturn(aResponse().withStatus(302).withHeader("Location", blob)));
        STORAGE.stubFor(get(urlPathEqualTo("/artifacts/1977.zip")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/zip").withBody(zip)));
        Path target = dir.resolve("artifacts.zip");

        Download download = client().downloadJobArtifacts(PROJECT, 1977, target, 1 << 20);

        assertThat(Files.readAllBytes(target)).isEqualTo(zip);
        assertThat(download.sizeBytes()).isEqualTo(zip.length);
        assertThat(download.finalUri().getHost()).isEqualTo("127.0.0.1");
        GITLAB.verify(getRequestedFor(urlPathEqualTo(PROJECT_PATH + "/jobs/1977/artifacts"))
                .withHeader("PRIVATE-TOKEN", equalTo(TOKEN.reveal())));
        STORAGE.verify(getRequestedFor(urlPathEqualTo("/artifacts/1977.zip"))
                .withHeader("PRIVATE-TOKEN", absent()).withHeader("Authorization", absent()).withHeader("JOB-TOKEN", absent()));
    }

    @Test
    void missingArtifactsAreA404AndLeaveNoFile() {
        GITLAB.stubFor(get(urlPathEqualTo("/api/v4/projects/42/jobs/5/artifacts"))
                .willReturn(aResponse().withStatus(404).withBody("{\"message\":\"404 Not found\"}")));
        Path target = dir.resolve("artifacts.zip");

        assertThatThrownBy(() -> client().downloadJobArtifacts("42", 5, target, 1 << 20))
                .isInstanceOfSatisfying(HttpStatusException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(target).doesNotExist();
    }

    // ---- rate limits

    @Test
    void a429WithRetryAfterIsWaitedOutAndRetried() {
        String path = "/api/v4/projects/42/statuses/" + SHA;
        GITLAB.stubFor(post(urlPathEqualTo(path)).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withBody("{\"message\":\"429 Too Many Requests\"}"))
                .willSetStateTo("open"));
        GITLAB.stubFor(post(urlPathEqualTo(path)).inScenario("limit").whenScenarioStateIs("open")
                .willReturn(okJson("{\"id\":1}")));
        long started = System.nanoTime();

        boolean changed = client().setCommitStatus("42", SHA, GitLabCommitStatus.builder(GitLabCommitState.SUCCESS, "lab").build());

        assertThat(changed).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        GITLAB.verify(2, postRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void a429WithRateLimitResetIsWaitedOutAndRetried() {
        String path = "/api/v4/projects/42/merge_requests/7/notes";
        long reset = Instant.now().getEpochSecond() + 1;
        GITLAB.stubFor(get(urlPathEqualTo(path)).inScenario("quota").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("RateLimit-Limit", "600")
                        .withHeader("RateLimit-Remaining", "0").withHeader("RateLimit-Reset", Long.toString(reset)))
                .willSetStateTo("open"));
        GITLAB.stubFor(get(urlPathEqualTo(path)).inScenario("quota").whenScenarioStateIs("open").willReturn(okJson(notes(1))));

        assertThat(client().mergeRequestNotes("42", 7)).extracting(GitLabNote::id).containsExactly(1L);
        GITLAB.verify(2, getRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void a429ThatNeverEndsIsARetryableHttpStatusException() {
        GITLAB.stubFor(get(urlPathEqualTo("/api/v4/projects/42/merge_requests/7/notes"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")));

        assertThatThrownBy(() -> client().mergeRequestNotes("42", 7)).isInstanceOfSatisfying(HttpStatusException.class, e -> {
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.retryable()).isTrue();
        });
    }

    // ---- pipelines

    @Test
    void createsAPipelineWithVariables() {
        GITLAB.stubFor(post(urlPathEqualTo(PROJECT_PATH + "/pipeline")).willReturn(okJson(
                "{\"id\":2367,\"iid\":12,\"ref\":\"main\",\"sha\":\"" + SHA + "\",\"status\":\"created\","
                        + "\"web_url\":\"https://gitlab.example.com/lab/bsp/linux/-/pipelines/2367\"}").withStatus(201)));
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("BOARD", "rk3588");
        variables.put("KERNEL", "6.12");

        GitLabPipeline pipeline = client().createPipeline(PROJECT, "main", variables);

        assertThat(pipeline.id()).isEqualTo(2367);
        assertThat(pipeline.status()).isEqualTo("created");
        assertThat(pipeline.sha()).contains(SHA);
        GITLAB.verify(postRequestedFor(urlPathEqualTo(PROJECT_PATH + "/pipeline"))
                .withHeader("PRIVATE-TOKEN", equalTo(TOKEN.reveal()))
                .withRequestBody(equalToJson("{\"ref\":\"main\",\"variables\":[{\"key\":\"BOARD\",\"value\":\"rk3588\"},"
                        + "{\"key\":\"KERNEL\",\"value\":\"6.12\"}]}")));
    }

    @Test
    void aPipelineCreationThatFailsOnTheServerIsNotRepeated() {
        GITLAB.stubFor(post(urlPathEqualTo("/api/v4/projects/42/pipeline")).willReturn(aResponse().withStatus(502)));

        assertThatThrownBy(() -> client().createPipeline("42", "main", Map.of()))
                .isInstanceOfSatisfying(HttpStatusException.class, e -> assertThat(e.retryable()).isTrue());
        GITLAB.verify(1, postRequestedFor(urlPathEqualTo("/api/v4/projects/42/pipeline")));
    }

    @Test
    void triggersAPipelineWithATriggerTokenAndWithoutTheClientsToken() {
        GITLAB.stubFor(post(urlPathEqualTo("/api/v4/projects/42/trigger/pipeline")).willReturn(okJson(
                "{\"id\":9,\"ref\":\"main\",\"status\":\"pending\"}").withStatus(201)));

        GitLabPipeline pipeline = client().triggerPipeline("42", "main", Map.of("BOARD", "rk3588"), Secret.of("glptt-trigger"));

        assertThat(pipeline.id()).isEqualTo(9);
        GITLAB.verify(postRequestedFor(urlPathEqualTo("/api/v4/projects/42/trigger/pipeline"))
                .withHeader("PRIVATE-TOKEN", absent())
                .withRequestBody(equalToJson("{\"token\":\"glptt-trigger\",\"ref\":\"main\",\"variables\":{\"BOARD\":\"rk3588\"}}")));
    }

    @Test
    void aReplyThatIsNotJsonIsMalformed() {
        GITLAB.stubFor(get(urlPathEqualTo("/api/v4/projects/42/merge_requests/7/notes"))
                .willReturn(aResponse().withStatus(200).withBody("<html>maintenance</html>")));

        assertThatThrownBy(() -> client().mergeRequestNotes("42", 7))
                .isInstanceOf(io.cikit.core.json.MalformedJsonException.class);
    }
}
