package io.cikit.vcs.github;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.cikit.vcs.github.GitHubStub.body;
import static io.cikit.vcs.github.GitHubStub.requests;
import static io.cikit.vcs.github.GitHubStub.server;
import static io.cikit.vcs.github.GitHubStub.stub;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cikit.core.DeliveryException;
import io.cikit.core.event.Repository;
import io.cikit.core.json.Json;
import io.cikit.core.report.CommentRef;
import java.net.URI;
import java.util.Optional;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sticky comment: found by its hidden marker across pages and updated, else created. */
class GitHubStickyCommentTest {
    private static final Repository REPO = Repository.named("acme/kernel");
    private static final String COMMENTS = "/repos/acme/kernel/issues/7/comments";
    private static final String MARKER = "<!-- cikit:boot-report -->";

    @BeforeEach
    void reset() {
        server().resetAll();
        stub(patch(urlPathMatching("/repos/acme/kernel/issues/comments/\\d+")).willReturn(aResponse().withStatus(200)
                .withBody("{\"id\":222,\"html_url\":\"https://github.com/acme/kernel/pull/7#issuecomment-222\"}")));
        stub(post(urlPathEqualTo(COMMENTS)).willReturn(aResponse().withStatus(201)
                .withBody("{\"id\":999,\"html_url\":\"https://github.com/acme/kernel/pull/7#issuecomment-999\"}")));
    }

    /** Three pages: 100, 100 and 30 comments; {@code bodyOf(id)} writes each body. */
    private static void threePagesOfComments(IntFunction<String> bodyOf, IntFunction<String> authorOf) {
        String next = GitHubStub.base() + COMMENTS.substring(1) + "?per_page=100&page=";
        stub(get(urlPathEqualTo(COMMENTS)).withQueryParam("page", absent()).willReturn(page(1, 100, bodyOf, authorOf)
                .withHeader("Link", "<" + next + "2>; rel=\"next\", <" + next + "3>; rel=\"last\"")));
        stub(get(urlPathEqualTo(COMMENTS)).withQueryParam("page", equalTo("2")).willReturn(page(101, 200, bodyOf, authorOf)
                .withHeader("Link", "<" + next + "1>; rel=\"prev\", <" + next + "3>; rel=\"next\", <" + next + "3>; rel=\"last\"")));
        stub(get(urlPathEqualTo(COMMENTS)).withQueryParam("page", equalTo("3")).willReturn(page(201, 230, bodyOf, authorOf)
                .withHeader("Link", "<" + next + "1>; rel=\"first\", <" + next + "2>; rel=\"prev\"")));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder page(int from, int to,
            IntFunction<String> bodyOf, IntFunction<String> authorOf) {
        ArrayNode comments = Json.mapper().createArrayNode();
        for (int id = from; id <= to; id++) {
            ObjectNode c = comments.addObject();
            c.put("id", id);
            c.put("body", bodyOf.apply(id));
            c.putObject("user").put("login", authorOf.apply(id));
        }
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(comments.toString());
    }

    @Test
    void ourCommentOnThirdPageIsUpdated() {
        threePagesOfComments(id -> id == 222 ? MARKER + "\nold report" : "LGTM " + id, id -> "someone");

        CommentRef ref = GitHubStub.client().upsertComment(REPO, 7, "boot-report", "## Boot report\nall green");

        assertThat(ref.created()).isFalse();
        assertThat(ref.id()).isEqualTo("222");
        assertThat(ref.url()).contains(URI.create("https://github.com/acme/kernel/pull/7#issuecomment-222"));
        assertThat(requests(getRequestedFor(urlPathEqualTo(COMMENTS)))).hasSize(3);
        assertThat(requests(getRequestedFor(urlPathEqualTo(COMMENTS))).get(0).queryParameter("per_page").firstValue())
                .isEqualTo("100");
        var patches = requests(patchRequestedFor(urlPathEqualTo("/repos/acme/kernel/issues/comments/222")));
        assertThat(patches).hasSize(1);
        assertThat(body(patches.get(0)).path("body").asText()).isEqualTo(MARKER + "\n## Boot report\nall green");
        assertThat(requests(postRequestedFor(urlPathEqualTo(COMMENTS)))).isEmpty();
    }

    @Test
    void withoutOurMarkerANewCommentIsCreatedAfterReadingEveryPage() {
        threePagesOfComments(id -> id == 150 ? "<!-- cikit:other-report -->\nnot ours" : "LGTM " + id, id -> "someone");

        CommentRef ref = GitHubStub.client().upsertComment(REPO, 7, "boot-report", "first report");

        assertThat(ref.created()).isTrue();
        assertThat(ref.id()).isEqualTo("999");
        assertThat(requests(getRequestedFor(urlPathEqualTo(COMMENTS)))).hasSize(3);
        assertThat(requests(patchRequestedFor(urlPathMatching(".*")))).isEmpty();
        assertThat(body(requests(postRequestedFor(urlPathEqualTo(COMMENTS))).get(0)).path("body").asText())
                .isEqualTo(MARKER + "\nfirst report");
    }

    @Test
    void theSearchStopsAtTheFirstPageThatHasOurComment() {
        threePagesOfComments(id -> id == 5 ? "x\n" + MARKER : "LGTM", id -> "someone");

        GitHubStub.client().upsertComment(REPO, 7, "boot-report", "again");

        assertThat(requests(getRequestedFor(urlPathEqualTo(COMMENTS)))).hasSize(1);
        assertThat(requests(patchRequestedFor(urlPathEqualTo("/repos/acme/kernel/issues/comments/5")))).hasSize(1);
    }

    @Test
    void withAStickyAuthorAMarkerCopiedBySomeoneElseIsIgnored() {
        threePagesOfComments(id -> id == 10 || id == 210 ? MARKER + "\nreport" : "LGTM",
                id -> id == 210 ? "cikit-lab[bot]" : "mallory");

        GitHubStub.clientBuilder().stickyAuthor("cikit-lab[bot]").build().upsertComment(REPO, 7, "boot-report", "new");

        assertThat(requests(patchRequestedFor(urlPathEqualTo("/repos/acme/kernel/issues/comments/210")))).hasSize(1);
        assertThat(requests(patchRequestedFor(urlPathEqualTo("/repos/acme/kernel/issues/comments/10")))).isEmpty();
    }

    @Test
    void thePageLimitBoundsTheSearch() {
        threePagesOfComments(id -> id == 222 ? MARKER : "LGTM", id -> "someone");

        CommentRef ref = GitHubStub.clientBuilder().maxCommentPages(2).build().upsertComment(REPO, 7, "boot-report", "x");

        assertThat(requests(getRequestedFor(urlPathEqualTo(COMMENTS)))).hasSize(2);
        assertThat(ref.created()).isTrue();
    }

    @Test
    void aPaginationLinkToAnotherHostIsNotFollowed() {
        stub(get(urlPathEqualTo(COMMENTS)).willReturn(aResponse().withStatus(200).withBody("[]")
                .withHeader("Link", "<https://evil.example/steal?page=2>; rel=\"next\"")));

        assertThatThrownBy(() -> GitHubStub.client().upsertComment(REPO, 7, "boot-report", "x"))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("pagination link");
                });
        assertThat(requests(postRequestedFor(urlPathEqualTo(COMMENTS)))).isEmpty();
    }

    @Test
    void anOversizedBodyIsCutWithAVisibleLineAndKeepsTheMarker() {
        threePagesOfComments(id -> "LGTM", id -> "someone");
        String huge = "| test | result |\n".repeat(5_000);

        GitHubStub.client().upsertComment(REPO, 7, "boot-report", huge, Optional.of(URI.create("https://lab.example/r/1")));

        String sent = body(requests(postRequestedFor(urlPathEqualTo(COMMENTS))).get(0)).path("body").asText();
        assertThat(sent.length()).isLessThanOrEqualTo(65_536);
        assertThat(sent).startsWith(MARKER + "\n| test | result |").endsWith("truncated, see https://lab.example/r/1");
    }

    @Test
    void aPlainCommentIsCutToo() {
        String sent = postPlain("y".repeat(100_000));

        assertThat(sent.length()).isLessThanOrEqualTo(65_536);
        assertThat(sent).contains("truncated").doesNotContain("cikit:");
    }

    @Test
    void aKeyThatCouldBreakTheMarkerIsRefused() {
        for (String key : new String[] {"", "a -->", "a b", "x".repeat(101), "<script>"}) {
            assertThatThrownBy(() -> GitHubStub.client().upsertComment(REPO, 7, key, "x"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(server().getAllServeEvents()).isEmpty();
    }

    private static String postPlain(String text) {
        CommentRef ref = GitHubStub.client().createComment(REPO, 7, text);
        assertThat(ref.created()).isTrue();
        return body(requests(postRequestedFor(urlPathEqualTo(COMMENTS))).get(0)).path("body").asText();
    }
}
