package io.cikit.vcs.gitlab;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.cikit.vcs.gitlab.GitLabStub.GITLAB;
import static io.cikit.vcs.gitlab.GitLabStub.HOSTS;
import static io.cikit.vcs.gitlab.GitLabStub.PROJECT_PATH;
import static io.cikit.vcs.gitlab.GitLabStub.base;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cikit.core.config.CiConfig;
import io.cikit.core.config.ConfigurationException;
import io.cikit.core.event.Repository;
import io.cikit.core.report.ChangedFile;
import io.cikit.core.report.CommentRef;
import io.cikit.core.report.CommitDiff;
import io.cikit.core.report.CommitStatus;
import io.cikit.core.report.StatusState;
import io.cikit.core.report.VcsClient;
import io.cikit.core.report.VcsClientProvider;
import io.cikit.core.spi.Providers;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link GitLabClient} as the {@code gitlab} {@link VcsClient}, found through ServiceLoader and made from config. */
class GitLabVcsClientTest {
    private static final String TOKEN = "glpat-vcs-0123456789";
    private static final String SHA = "2293ada6b400935a1378653304eaf6221e0fdb8f";
    private static final Repository REPO = new Repository("lab/bsp/linux", Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.of("https://gitlab.example.com/lab/bsp/linux"), Optional.empty());

    @BeforeEach
    void reset() {
        HOSTS.reset();
    }

    private static CiConfig config(Map<String, String> env) {
        return CiConfig.builder().environment(env).systemProperties(new Properties()).build();
    }

    /** The {@code gitlab} client a host gets by name, with GITLAB_TOKEN from the environment. */
    private static VcsClient discovered() {
        VcsClientProvider provider = Providers.discover(VcsClientProvider.class, VcsClientProvider::name)
                .require("gitlab", "VCS client", "io.cikit:ci-vcs-gitlab");
        return provider.create(config(Map.of("GITLAB_TOKEN", TOKEN,
                "CIKIT_GITLAB_BASE_URL", base().toString())).forPrefix("cikit.gitlab"));
    }

    @Test
    void theDiscoveredClientSetsAStatusWithTheTokenMappingErrorToFailed() {
        GITLAB.stubFor(post(urlPathEqualTo(PROJECT_PATH + "/statuses/" + SHA)).willReturn(okJson("{\"id\":1}")));

        discovered().setStatus(REPO, SHA, CommitStatus.of(StatusState.ERROR, "cikit/rk3588")
                .withDescription("lab down").withTargetUrl(URI.create("https://lab.example.com/jobs/3")));

        GITLAB.verify(postRequestedFor(urlPathEqualTo(PROJECT_PATH + "/statuses/" + SHA))
                .withHeader("PRIVATE-TOKEN", equalTo(TOKEN))
                .withRequestBody(equalToJson("{\"state\":\"failed\",\"name\":\"cikit/rk3588\",\"description\":\"lab down\","
                        + "\"target_url\":\"https://lab.example.com/jobs/3\"}")));
    }

    @Test
    void aRepositoryWithANumericIdIsAddressedByIt() {
        GITLAB.stubFor(post(urlPathEqualTo("/api/v4/projects/42/statuses/" + SHA)).willReturn(okJson("{\"id\":1}")));
        Repository byId = new Repository("lab/bsp/linux", Optional.of("42"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());

        discovered().setStatus(byId, SHA, CommitStatus.of(StatusState.SUCCESS, "cikit"));

        GITLAB.verify(postRequestedFor(urlPathEqualTo("/api/v4/projects/42/statuses/" + SHA)));
    }

    @Test
    void aStickyCommentIsCreatedOnceThenUpdatedAndLinksToTheNote() {
        VcsClient client = discovered();
        GITLAB.stubFor(get(urlPathEqualTo(PROJECT_PATH + "/merge_requests/12/notes")).willReturn(okJson("[]")));
        GITLAB.stubFor(post(urlPathEqualTo(PROJECT_PATH + "/merge_requests/12/notes"))
                .willReturn(okJson("{\"id\":501,\"body\":\"x\",\"system\":false}")));

        CommentRef created = client.upsertComment(REPO, 12, "boot-report", "3 boards pass");

        assertThat(created.created()).isTrue();
        assertThat(created.id()).isEqualTo("501");
        assertThat(created.url()).contains(URI.create("https://gitlab.example.com/lab/bsp/linux/-/merge_requests/12#note_501"));

        GITLAB.stubFor(get(urlPathEqualTo(PROJECT_PATH + "/merge_requests/12/notes")).willReturn(okJson(
                "[{\"id\":501,\"body\":\"<!-- cikit:sticky:boot-report -->\\n3 boards pass\",\"system\":false}]")));
        GITLAB.stubFor(put(urlPathEqualTo(PROJECT_PATH + "/merge_requests/12/notes/501"))
                .willReturn(okJson("{\"id\":501,\"body\":\"y\",\"system\":false}")));

        CommentRef updated = client.upsertComment(REPO, 12, "boot-report", "2 boards pass, 1 fails");

        assertThat(updated.created()).isFalse();
        assertThat(updated.id()).isEqualTo("501");
        GITLAB.verify(putRequestedFor(urlPathEqualTo(PROJECT_PATH + "/merge_requests/12/notes/501")));
        GITLAB.verify(1, postRequestedFor(urlPathEqualTo(PROJECT_PATH + "/merge_requests/12/notes")));
    }

    @Test
    void aPlainCommentIsANewNote() {
        GITLAB.stubFor(post(urlPathEqualTo(PROJECT_PATH + "/merge_requests/7/notes"))
                .willReturn(okJson("{\"id\":9,\"body\":\"hi\",\"system\":false}")));

        CommentRef ref = discovered().createComment(Repository.named("lab/bsp/linux"), 7, "hi");

        assertThat(ref).isEqualTo(new CommentRef("9", Optional.empty(), true));
    }

    @Test
    void theCommitDiffListsFilesWithKindsAndLineCountsAndIsIncompleteAfterATimeout() {
        GITLAB.stubFor(get(urlPathEqualTo(PROJECT_PATH + "/repository/compare")).willReturn(okJson("{\"commits\":[],"
                + "\"compare_timeout\":true,\"diffs\":["
                + "{\"old_path\":\"a.c\",\"new_path\":\"a.c\",\"diff\":\"@@ -1,2 +1,2 @@\\n-old\\n+new\\n+more\\n ctx\\n\","
                + "\"new_file\":false,\"renamed_file\":false,\"deleted_file\":false},"
                + "{\"old_path\":\"b.c\",\"new_path\":\"b.c\",\"diff\":\"@@ -0,0 +1 @@\\n+x\\n\",\"new_file\":true,"
                + "\"renamed_file\":false,\"deleted_file\":false},"
                + "{\"old_path\":\"old.h\",\"new_path\":\"new.h\",\"diff\":\"\",\"new_file\":false,\"renamed_file\":true,"
                + "\"deleted_file\":false},"
                + "{\"old_path\":\"gone.c\",\"new_path\":\"gone.c\",\"diff\":\"@@ -1 +0,0 @@\\n-x\\n\",\"new_file\":false,"
                + "\"renamed_file\":false,\"deleted_file\":true}]}")));

        CommitDiff diff = discovered().commitDiff(REPO, "main", SHA);

        assertThat(diff.complete()).isFalse();
        assertThat(diff.patch()).isEmpty();
        assertThat(diff.files()).extracting(ChangedFile::kind).containsExactly(ChangedFile.Kind.MODIFIED,
                ChangedFile.Kind.ADDED, ChangedFile.Kind.RENAMED, ChangedFile.Kind.REMOVED);
        assertThat(diff.files().get(0)).extracting(ChangedFile::additions, ChangedFile::deletions).containsExactly(2, 1);
        assertThat(diff.files().get(2).previousPath()).contains("old.h");
        assertThat(diff.paths()).containsExactly("a.c", "b.c", "old.h", "new.h", "gone.c");
        GITLAB.verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo(PROJECT_PATH + "/repository/compare"))
                .withQueryParam("from", equalTo("main")).withQueryParam("to", equalTo(SHA)));
    }

    @Test
    void everyUnusableKeyIsReportedAtOnceWithoutShowingTheToken() {
        CiConfig config = config(Map.of("GITLAB_TOKEN", TOKEN, "CIKIT_GITLAB_BASE_URL", "ftp://gitlab.example.com",
                "CIKIT_GITLAB_TOKEN_TYPE", "kerberos", "CIKIT_GITLAB_CONNECT_TIMEOUT", "soon"));

        assertThatThrownBy(() -> new GitLabClientProvider().create(config.forPrefix("cikit.gitlab")))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).hasSize(3)
                        .anySatisfy(p -> assertThat(p).contains("cikit.gitlab.base-url", "http(s)"))
                        .anySatisfy(p -> assertThat(p).contains("cikit.gitlab.token-type", "private, oauth, job"))
                        .anySatisfy(p -> assertThat(p).contains("cikit.gitlab.connect-timeout")))
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void aRefusalIsADeliveryFailureThatRetryingWillNotFix() {
        GITLAB.stubFor(post(urlPathEqualTo(PROJECT_PATH + "/merge_requests/7/notes"))
                .willReturn(aResponse().withStatus(403).withBody("{\"message\":\"403 Forbidden\"}")));

        assertThatThrownBy(() -> discovered().createComment(REPO, 7, "hi"))
                .isInstanceOfSatisfying(io.cikit.core.DeliveryException.class, e -> assertThat(e.retryable()).isFalse());
    }
}
