package io.cikit.vcs.github;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.cikit.vcs.github.GitHubStub.requests;
import static io.cikit.vcs.github.GitHubStub.server;
import static io.cikit.vcs.github.GitHubStub.stub;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.cikit.core.event.Repository;
import io.cikit.core.json.Json;
import io.cikit.core.report.ChangedFile;
import io.cikit.core.report.CommitDiff;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Compare, commit and pull-request file lists: paging through {@code Link}, GitHub's caps, the diff media type. */
class GitHubFilesTest {
    private static final Repository REPO = Repository.named("acme/kernel");
    private static final String COMPARE = "/repos/acme/kernel/compare/main...feature/net-fix";
    private static final String PR_FILES = "/repos/acme/kernel/pulls/7/files";

    @BeforeEach
    void reset() {
        server().resetAll();
    }

    private static ArrayNode files(int from, int count) {
        ArrayNode files = Json.mapper().createArrayNode();
        for (int i = from; i < from + count; i++) {
            files.addObject().put("filename", "drivers/f" + i + ".c").put("status", "modified")
                    .put("additions", 2).put("deletions", 1);
        }
        return files;
    }

    private static ResponseDefinitionBuilder json(Object body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body.toString());
    }

    @Test
    void aCompareListsFilesWithTheirKindsAndRenames() {
        ObjectNode reply = Json.mapper().createObjectNode();
        ArrayNode list = reply.putArray("files");
        list.addObject().put("filename", "drivers/net/e1000.c").put("status", "modified").put("additions", 3).put("deletions", 1);
        list.addObject().put("filename", "net/new.c").put("status", "renamed").put("previous_filename", "net/old.c");
        list.addObject().put("filename", "docs/x.rst").put("status", "removed");
        list.addObject().put("filename", "odd").put("status", "teleported");
        list.addObject().put("status", "added"); // no filename: skipped, not an error
        stub(get(urlPathEqualTo(COMPARE)).willReturn(json(reply)));

        CommitDiff diff = GitHubStub.client().compare(REPO, "main", "feature/net-fix");

        assertThat(diff.complete()).isTrue();
        assertThat(diff.patch()).isEmpty();
        assertThat(diff.files()).extracting(ChangedFile::kind).containsExactly(ChangedFile.Kind.MODIFIED,
                ChangedFile.Kind.RENAMED, ChangedFile.Kind.REMOVED, ChangedFile.Kind.OTHER);
        assertThat(diff.files().get(0).additions()).isEqualTo(3);
        assertThat(diff.files().get(3).rawStatus()).isEqualTo("teleported");
        assertThat(GitHubStub.client().between(REPO, "main", "feature/net-fix")).hasValueSatisfying(paths ->
                assertThat(paths).containsExactly("drivers/net/e1000.c", "net/old.c", "net/new.c", "docs/x.rst", "odd"));
    }

    @Test
    void aCompareAtGitHubsThreeHundredFileCapIsIncompleteAndUnknownToTriggers() {
        ObjectNode reply = Json.mapper().createObjectNode();
        reply.set("files", files(0, 300));
        stub(get(urlPathEqualTo(COMPARE)).willReturn(json(reply)));

        assertThat(GitHubStub.client().compare(REPO, "main", "feature/net-fix").complete()).isFalse();
        assertThat(GitHubStub.client().between(REPO, "main", "feature/net-fix")).isEmpty();
    }

    @Test
    void commitDiffAsksForTheDiffMediaTypeAndKeepsThePatch() {
        ObjectNode reply = Json.mapper().createObjectNode();
        reply.set("files", files(0, 1));
        String patch = "diff --git a/drivers/f0.c b/drivers/f0.c\n--- a/drivers/f0.c\n+++ b/drivers/f0.c\n@@ -1 +1 @@\n-a\n+b\n";
        stub(get(urlPathEqualTo(COMPARE)).withHeader("Accept", equalTo("application/vnd.github+json")).willReturn(json(reply)));
        stub(get(urlPathEqualTo(COMPARE)).withHeader("Accept", equalTo("application/vnd.github.diff"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/plain; charset=utf-8").withBody(patch)));

        CommitDiff diff = GitHubStub.client().commitDiff(REPO, "main", "feature/net-fix");

        assertThat(diff.paths()).containsExactly("drivers/f0.c");
        assertThat(diff.patch()).contains(patch);
    }

    @Test
    void aDiffGitHubWillNotMakeLeavesThePatchEmpty() {
        ObjectNode reply = Json.mapper().createObjectNode();
        reply.set("files", files(0, 2));
        stub(get(urlPathEqualTo(COMPARE)).withHeader("Accept", equalTo("application/vnd.github+json")).willReturn(json(reply)));
        stub(get(urlPathEqualTo(COMPARE)).withHeader("Accept", equalTo("application/vnd.github.diff"))
                .willReturn(aResponse().withStatus(406).withBody("{\"message\":\"Sorry, the diff exceeded the maximum number of files (300).\"}")));

        CommitDiff diff = GitHubStub.client().commitDiff(REPO, "main", "feature/net-fix");

        assertThat(diff.files()).hasSize(2);
        assertThat(diff.patch()).isEmpty();
    }

    @Test
    void pullRequestFilesAreReadPageByPage() {
        String next = GitHubStub.base() + PR_FILES.substring(1) + "?per_page=100&page=";
        stub(get(urlPathEqualTo(PR_FILES)).withQueryParam("page", absent())
                .willReturn(json(files(0, 100)).withHeader("Link", "<" + next + "2>; rel=\"next\"")));
        stub(get(urlPathEqualTo(PR_FILES)).withQueryParam("page", equalTo("2"))
                .willReturn(json(files(100, 100)).withHeader("Link", "<" + next + "3>; rel=\"next\"")));
        stub(get(urlPathEqualTo(PR_FILES)).withQueryParam("page", equalTo("3")).willReturn(json(files(200, 50))));

        CommitDiff diff = GitHubStub.client().pullRequestFiles(REPO, 7);

        assertThat(diff.files()).hasSize(250);
        assertThat(diff.files().get(249).path()).isEqualTo("drivers/f249.c");
        assertThat(diff.complete()).isTrue();
        assertThat(requests(getRequestedFor(urlPathEqualTo(PR_FILES))).get(0).queryParameter("per_page").firstValue())
                .isEqualTo("100");
    }

    @Test
    void pullRequestFilesStopAtThreeThousandEvenIfMorePagesAreOffered() {
        for (int page = 1; page <= 40; page++) {
            String next = GitHubStub.base() + PR_FILES.substring(1) + "?per_page=100&page=" + (page + 1);
            stub(get(urlPathEqualTo(PR_FILES)).withQueryParam("page", page == 1 ? absent() : equalTo(Integer.toString(page)))
                    .willReturn(json(files((page - 1) * 100, 100)).withHeader("Link", "<" + next + ">; rel=\"next\"")));
        }

        CommitDiff diff = GitHubStub.client().pullRequestFiles(REPO, 7);

        assertThat(diff.files()).hasSize(3000);
        assertThat(diff.complete()).isFalse();
        assertThat(requests(getRequestedFor(urlPathEqualTo(PR_FILES)))).hasSize(30);
    }

    @Test
    void aCommitsFilesArePagedAndItsPatchComesAsADiff() {
        String sha = "6113728f27ae82c7b1a177c8d03f9e96e0adf246";
        String path = "/repos/acme/kernel/commits/" + sha;
        String next = GitHubStub.base() + path.substring(1) + "?per_page=100&page=2";
        ObjectNode first = Json.mapper().createObjectNode().put("sha", sha);
        first.set("files", files(0, 100));
        ObjectNode second = Json.mapper().createObjectNode().put("sha", sha);
        second.set("files", files(100, 5));
        stub(get(urlPathEqualTo(path)).withQueryParam("page", absent()).withHeader("Accept", equalTo("application/vnd.github+json"))
                .willReturn(json(first).withHeader("Link", "<" + next + ">; rel=\"next\"")));
        stub(get(urlPathEqualTo(path)).withQueryParam("page", equalTo("2")).willReturn(json(second)));
        stub(get(urlPathEqualTo(path)).withHeader("Accept", equalTo("application/vnd.github.diff"))
                .willReturn(aResponse().withStatus(200).withBody("diff --git a/x b/x\n")));

        CommitDiff files = GitHubStub.client().commitFiles(REPO, sha);

        assertThat(files.files()).hasSize(105);
        assertThat(files.complete()).isTrue();
        assertThat(GitHubStub.client().commitPatch(REPO, sha)).contains("diff --git a/x b/x\n");
    }
}
