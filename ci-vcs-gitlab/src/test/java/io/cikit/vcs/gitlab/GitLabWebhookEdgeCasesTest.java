package io.cikit.vcs.gitlab;

import static io.cikit.vcs.gitlab.GitLabFixtures.bytes;
import static io.cikit.vcs.gitlab.GitLabFixtures.context;
import static io.cikit.vcs.gitlab.GitLabFixtures.delivery;
import static io.cikit.vcs.gitlab.GitLabFixtures.edited;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cikit.core.build.BuildStatus;
import io.cikit.core.config.Secret;
import io.cikit.core.event.BuildEvent;
import io.cikit.core.event.CiEvent;
import io.cikit.core.event.CommentEvent;
import io.cikit.core.event.CommitInfo;
import io.cikit.core.event.GenericEvent;
import io.cikit.core.event.PullRequestAction.Kind;
import io.cikit.core.event.PullRequestEvent;
import io.cikit.core.event.PushEvent;
import io.cikit.core.event.RefAction;
import io.cikit.core.event.TagEvent;
import io.cikit.core.http.Headers;
import io.cikit.core.webhook.InvalidSignatureException;
import io.cikit.core.webhook.MalformedPayloadException;
import io.cikit.core.webhook.ParseResult;
import io.cikit.core.webhook.UnsupportedMediaTypeException;
import io.cikit.core.webhook.WebhookRequest;
import io.cikit.core.webhook.WebhookResult;
import io.cikit.core.webhook.Webhooks;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Hand-made deliveries around the docs examples: ref creation and deletion, long pushes, MR actions, tokens, dedup. */
class GitLabWebhookEdgeCasesTest {
    private static final String ZERO = PushEvent.ZERO_SHA;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final GitLabWebhookParser parser = new GitLabWebhookParser();

    private CiEvent parse(String hook, byte[] body) {
        ParseResult result = parser.parse(delivery(hook, body), context());
        assertThat(result).isInstanceOf(ParseResult.Parsed.class);
        return ((ParseResult.Parsed) result).event();
    }

    private PushEvent push(Consumer<ObjectNode> edit) {
        return (PushEvent) parse("Push Hook", edited("push.json", edit));
    }

    private PullRequestEvent mergeRequest(Consumer<ObjectNode> edit) {
        return (PullRequestEvent) parse("Merge Request Hook", edited("merge_request.json", edit));
    }

    private static ObjectNode attrs(ObjectNode root) {
        return (ObjectNode) root.get("object_attributes");
    }

    // ---- pushes

    @Test
    void aPushWithAZeroAfterShaIsABranchDeletionWithoutCommits() {
        PushEvent push = push(p -> {
            p.put("before", "da1560886d4f094c3e6c9ef40349f7d38b5d27d7");
            p.put("after", ZERO);
            p.put("checkout_sha", (String) null);
            p.putArray("commits");
            p.put("total_commits_count", 0);
            p.put("ref", "refs/heads/feature/old");
        });

        assertThat(push.deleted()).isTrue();
        assertThat(push.created()).isFalse();
        assertThat(push.branch()).contains("feature/old");
        assertThat(push.commits()).isEmpty();
        assertThat(push.headCommit()).isEmpty();
        assertThat(push.commitsTruncated()).isFalse();
        assertThat(push.totalCommits()).isZero();
    }

    @Test
    void aPushWithAZeroBeforeShaIsABranchCreation() {
        PushEvent push = push(p -> {
            p.put("before", ZERO);
            p.putArray("commits");
            p.put("total_commits_count", 0);
        });

        assertThat(push.created()).isTrue();
        assertThat(push.deleted()).isFalse();
        assertThat(push.commits()).isEmpty();
        assertThat(push.commitsTruncated()).isFalse();
    }

    @Test
    void aPushOfMoreThanTwentyCommitsSaysItsCommitListIsPartial() {
        PushEvent push = push(p -> {
            p.set("commits", commits(20));
            p.put("total_commits_count", 21);
            p.put("after", sha(19));
            p.put("checkout_sha", sha(19));
        });

        assertThat(push.commits()).hasSize(20);
        assertThat(push.totalCommits()).isEqualTo(21);
        assertThat(push.commitsTruncated()).isTrue();
        assertThat(push.headCommit()).map(CommitInfo::sha).contains(sha(19));
    }

    @Test
    void aPushOfExactlyTwentyCommitsIsComplete() {
        PushEvent push = push(p -> {
            p.set("commits", commits(20));
            p.put("total_commits_count", 20);
        });

        assertThat(push.totalCommits()).isEqualTo(20);
        assertThat(push.commitsTruncated()).isFalse();
    }

    @Test
    void aRedactedEmailIsAbsent() {
        PushEvent push = push(p -> p.put("user_email", "[REDACTED]"));

        assertThat(push.sender()).hasValueSatisfying(s -> assertThat(s.email()).isEmpty());
    }

    @Test
    void aPushFromAnOldInstanceWithoutProjectTakesTheNameFromTheRepositoryHomepage() {
        PushEvent push = push(p -> p.remove("project"));

        assertThat(push.repository().fullName()).isEqualTo("mike/diaspora");
        assertThat(push.repository().id()).contains("15");
    }

    @Test
    void aPushNamingNoRepositoryAtAllIsMalformed() {
        byte[] body = edited("push.json", p -> {
            p.remove("project");
            p.remove("repository");
        });

        assertThatThrownBy(() -> parser.parse(delivery("Push Hook", body), context()))
                .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("path_with_namespace");
    }

    @Test
    void aSystemHookPushReadsLikeAProjectPush() {
        CiEvent event = parse("System Hook", bytes("push.json"));

        assertThat(event).isInstanceOfSatisfying(PushEvent.class, push -> assertThat(push.ref()).isEqualTo("refs/heads/master"));
        assertThat(event.raw().eventName()).isEqualTo("System Hook");
    }

    @Test
    void aSystemHookOfAnotherKindIsGeneric() {
        byte[] body = "{\"event_name\":\"repository_update\",\"user_id\":1,\"project\":{\"path_with_namespace\":\"a/b\"}}"
                .getBytes(StandardCharsets.UTF_8);

        CiEvent event = parse("System Hook", body);

        assertThat(event).isInstanceOfSatisfying(GenericEvent.class, g -> {
            assertThat(g.eventName()).isEqualTo("System Hook");
            assertThat(g.action()).contains("repository_update");
            assertThat(g.repository()).map(r -> r.fullName()).contains("a/b");
        });
    }

    // ---- tags

    @Test
    void aTagPushWithAZeroAfterShaIsATagDeletionNamingTheOldCommit() {
        TagEvent tag = (TagEvent) parse("Tag Push Hook", edited("tag_push.json", t -> {
            t.put("before", "82b3d5ae55f7080f1e6022629cdb57bfae7cccc7");
            t.put("after", ZERO);
            t.putNull("checkout_sha");
        }));

        assertThat(tag.action()).isEqualTo(RefAction.DELETED);
        assertThat(tag.sha()).isEqualTo("82b3d5ae55f7080f1e6022629cdb57bfae7cccc7");
    }

    @Test
    void aTagPushBetweenTwoShasIsAMovedTag() {
        TagEvent tag = (TagEvent) parse("Tag Push Hook", edited("tag_push.json", t -> t.put("before", sha(1))));

        assertThat(tag.action()).isEqualTo(RefAction.UPDATED);
    }

    // ---- merge requests

    @Test
    void anUpdateWithOldrevBroughtNewCommits() {
        PullRequestEvent event = mergeRequest(m -> {
            attrs(m).put("action", "update");
            attrs(m).put("oldrev", sha(7));
        });

        assertThat(event.action().kind()).isEqualTo(Kind.SYNCHRONIZED);
        assertThat(event.action().raw()).isEqualTo("update");
        assertThat(event.action().bringsNewCode()).isTrue();
    }

    @Test
    void anUpdateWithoutOldrevIsAnEdit() {
        PullRequestEvent event = mergeRequest(m -> {
            attrs(m).put("action", "update");
            m.set("changes", NODES.objectNode().set("title", NODES.objectNode().put("previous", "a").put("current", "b")));
        });

        assertThat(event.action().kind()).isEqualTo(Kind.EDITED);
        assertThat(event.action().bringsNewCode()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"draft, false, READY_FOR_REVIEW", "draft, true, CONVERTED_TO_DRAFT", "work_in_progress, false, READY_FOR_REVIEW"})
    void anUpdateFlippingTheDraftFlagIsReadyForReviewOrConvertedToDraft(String field, boolean current, Kind expected) {
        PullRequestEvent event = mergeRequest(m -> {
            attrs(m).put("action", "update");
            m.set("changes", NODES.objectNode().set(field, NODES.objectNode().put("previous", !current).put("current", current)));
        });

        assertThat(event.action().kind()).isEqualTo(expected);
    }

    @Test
    void anUpdateAddingALabelIsLabeledAndOneRemovingALabelIsUnlabeled() {
        PullRequestEvent added = mergeRequest(m -> {
            attrs(m).put("action", "update");
            m.set("changes", NODES.objectNode().set("labels", labelChange(List.of("API"), List.of("API", "Board: rk3588"))));
        });
        PullRequestEvent removed = mergeRequest(m -> {
            attrs(m).put("action", "update");
            m.set("changes", NODES.objectNode().set("labels", labelChange(List.of("API", "Board: rk3588"), List.of("API"))));
        });

        assertThat(added.action().kind()).isEqualTo(Kind.LABELED);
        assertThat(removed.action().kind()).isEqualTo(Kind.UNLABELED);
    }

    @ParameterizedTest
    @CsvSource({"open, OPENED", "reopen, REOPENED", "close, CLOSED", "merge, MERGED", "approved, APPROVED",
            "approval, APPROVED", "unapproved, UNAPPROVED", "unapproval, UNAPPROVED", "frobnicate, OTHER"})
    void everyMergeRequestActionMapsAndKeepsItsWord(String raw, Kind expected) {
        PullRequestEvent event = mergeRequest(m -> attrs(m).put("action", raw));

        assertThat(event.action().kind()).isEqualTo(expected);
        assertThat(event.action().raw()).isEqualTo(raw);
    }

    @Test
    void aMergeActionMarksTheMergeRequestMerged() {
        PullRequestEvent event = mergeRequest(m -> {
            attrs(m).put("action", "merge");
            attrs(m).put("state", "merged");
        });

        assertThat(event.pullRequest().merged()).isTrue();
        assertThat(event.pullRequest().state()).isEqualTo("merged");
    }

    @Test
    void aMergeRequestFromAnotherProjectIsFromAFork() {
        PullRequestEvent event = mergeRequest(m -> {
            attrs(m).put("source_project_id", 99);
            ((ObjectNode) attrs(m).get("source")).put("path_with_namespace", "contributor/awesome_project");
        });

        assertThat(event.pullRequest().fromFork()).isTrue();
        assertThat(event.pullRequest().headRepository()).hasValueSatisfying(r -> {
            assertThat(r.fullName()).isEqualTo("contributor/awesome_project");
            assertThat(r.id()).contains("99");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"draft", "work_in_progress"})
    void aDraftOrWorkInProgressMergeRequestIsADraft(String field) {
        PullRequestEvent event = mergeRequest(m -> attrs(m).put(field, true));

        assertThat(event.pullRequest().draft()).isTrue();
    }

    @Test
    void aMergeRequestHookWithoutIidIsMalformed() {
        byte[] body = edited("merge_request.json", m -> attrs(m).remove("iid"));

        assertThatThrownBy(() -> parser.parse(delivery("Merge Request Hook", body), context()))
                .isInstanceOf(MalformedPayloadException.class);
    }

    // ---- notes

    @Test
    void aConfidentialNoteOnAMergeRequestIsACommentWithTheMergeRequest() {
        byte[] body = edited("note_merge_request.json", n -> {
            n.put("event_type", "confidential_note");
            ((ObjectNode) n.get("object_attributes")).put("note", "/retest board=rk3588");
        });

        CommentEvent comment = (CommentEvent) parse("Confidential Note Hook", body);

        assertThat(comment.raw().eventName()).isEqualTo("Confidential Note Hook");
        assertThat(comment.body()).isEqualTo("/retest board=rk3588");
        assertThat(comment.onPullRequest()).isTrue();
        assertThat(comment.pullRequest()).map(pr -> pr.headSha()).contains("562e173be03b8ff2efb05345d12df18815438a4b");
    }

    @Test
    void aConfidentialNoteOnAnIssueIsAComment() {
        byte[] body = edited("note_issue.json", n -> n.put("event_type", "confidential_note"));

        CommentEvent comment = (CommentEvent) parse("Confidential Note Hook", body);

        assertThat(comment.number()).isEqualTo(17);
        assertThat(comment.onPullRequest()).isFalse();
    }

    @Test
    void anEditedNoteSaysEdited() {
        byte[] body = edited("note_merge_request.json", n -> ((ObjectNode) n.get("object_attributes")).put("action", "update"));

        assertThat(((CommentEvent) parse("Note Hook", body)).action()).isEqualTo("edited");
    }

    // ---- unknown hooks and statuses

    @Test
    void anUnknownHookNameIsAGenericEventKeepingItsName() {
        byte[] body = "{\"object_kind\":\"teleport\",\"object_attributes\":{\"action\":\"beam\"},\"project\":{\"path_with_namespace\":\"lab/linux\"}}"
                .getBytes(StandardCharsets.UTF_8);

        GenericEvent event = (GenericEvent) parse("Teleport Hook", body);

        assertThat(event.eventName()).isEqualTo("Teleport Hook");
        assertThat(event.action()).contains("beam");
        assertThat(event.repository()).map(r -> r.fullName()).contains("lab/linux");
    }

    @Test
    void anUnknownPipelineStatusIsUnknownWithTheRawWordAndNotComplete() {
        byte[] body = edited("pipeline.json", p -> ((ObjectNode) p.get("object_attributes")).put("status", "quantum_superposition"));

        BuildEvent event = (BuildEvent) parse("Pipeline Hook", body);

        assertThat(event.build().status()).isEqualTo(BuildStatus.UNKNOWN);
        assertThat(event.build().rawStatus()).isEqualTo("quantum_superposition");
        assertThat(event.build().complete()).isFalse();
    }

    @Test
    void aDeliveryWithoutHookNameIsReadByItsObjectKind() {
        WebhookRequest request = WebhookRequest.of(Headers.of("Content-Type", "application/json"), bytes("push.json"));

        ParseResult result = parser.parse(request, context());

        assertThat(result).isInstanceOfSatisfying(ParseResult.Parsed.class, p -> {
            assertThat(p.event()).isInstanceOf(PushEvent.class);
            assertThat(p.event().raw().eventName()).isEqualTo("push");
        });
        assertThat(parser.recognises(request)).isFalse();
    }

    // ---- bodies

    @Test
    void malformedJsonIsAMalformedPayload() {
        WebhookRequest request = delivery("Push Hook", "{\"object_kind\": \"push\", ".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> parser.parse(request, context())).isInstanceOf(MalformedPayloadException.class)
                .satisfies(e -> assertThat(((MalformedPayloadException) e).httpStatus()).isEqualTo(400));
    }

    @Test
    void aBodyThatIsNotAJsonObjectIsAMalformedPayload() {
        assertThatThrownBy(() -> parser.parse(delivery("Push Hook", "[1,2]".getBytes(StandardCharsets.UTF_8)), context()))
                .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("JSON object");
    }

    @Test
    void aFormEncodedBodyIsAnUnsupportedMediaType() {
        WebhookRequest json = delivery("Push Hook", bytes("push.json"));
        WebhookRequest form = new WebhookRequest(json.headers().toBuilder()
                .set("Content-Type", "application/x-www-form-urlencoded").build(), json.body(), json.path());

        assertThatThrownBy(() -> parser.parse(form, context())).isInstanceOf(UnsupportedMediaTypeException.class);
    }

    @Test
    void aJsonContentTypeWithACharsetIsFine() {
        WebhookRequest json = delivery("Push Hook", bytes("push.json"));
        WebhookRequest withCharset = new WebhookRequest(json.headers().toBuilder()
                .set("Content-Type", "application/json; charset=utf-8").build(), json.body(), json.path());

        assertThat(parser.parse(withCharset, context())).isInstanceOf(ParseResult.Parsed.class);
    }

    // ---- tokens

    @Test
    void theRightTokenPassesAmongSeveral() {
        List<Secret> tokens = List.of(Secret.of("old-token"), GitLabFixtures.TOKEN, Secret.of("next-token"));

        parser.verify(delivery("Push Hook", bytes("push.json")), tokens);
    }

    @Test
    void aWrongTokenIsRefused() {
        WebhookRequest request = delivery("Push Hook", bytes("push.json"));

        assertThatThrownBy(() -> parser.verify(request, List.of(Secret.of("gl-webhook-token-2"))))
                .isInstanceOf(InvalidSignatureException.class)
                .hasMessageNotContaining("gl-webhook-token");
    }

    @Test
    void aMissingTokenIsRefused() {
        WebhookRequest signed = delivery("Push Hook", bytes("push.json"));
        WebhookRequest request = new WebhookRequest(signed.headers().toBuilder().remove("X-Gitlab-Token").build(),
                signed.body(), signed.path());

        assertThatThrownBy(() -> parser.verify(request, List.of(GitLabFixtures.TOKEN)))
                .isInstanceOf(InvalidSignatureException.class).hasMessageContaining("missing");
    }

    @Test
    void noConfiguredTokenRefusesEveryDelivery() {
        assertThatThrownBy(() -> parser.verify(delivery("Push Hook", bytes("push.json")), List.of()))
                .isInstanceOf(InvalidSignatureException.class);
    }

    @Test
    void aWrongTokenIsRejected401ThroughWebhooks() {
        Webhooks webhooks = Webhooks.builder().discoverParsers(false).parser(parser)
                .secret("gitlab", Secret.of("another-token")).build();

        WebhookResult result = webhooks.handle(delivery("Push Hook", bytes("push.json")));

        assertThat(result).isInstanceOfSatisfying(WebhookResult.Rejected.class,
                r -> assertThat(r.error().code()).isEqualTo("invalid-signature"));
        assertThat(result.httpStatus()).isEqualTo(401);
    }

    // ---- delivery keys

    @Test
    void theDedupKeyIsTheIdempotencyKeyAndTheDeliveryIdTheEventUuid() {
        WebhookRequest request = delivery("Push Hook", bytes("push.json"), "event-uuid-1", "idem-key-1");

        assertThat(parser.deliveryKey(request)).contains("idem-key-1");
        assertThat(parser.deliveryId(request)).contains("event-uuid-1");
    }

    @Test
    void withoutAnIdempotencyKeyTheEventUuidIsTheDedupKey() {
        WebhookRequest full = delivery("Push Hook", bytes("push.json"), "event-uuid-1", "idem-key-1");
        WebhookRequest older = new WebhookRequest(full.headers().toBuilder().remove("Idempotency-Key").build(),
                full.body(), full.path());

        assertThat(parser.deliveryKey(older)).contains("event-uuid-1");
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyIsADuplicateThroughWebhooks() {
        List<CiEvent> seen = new ArrayList<>();
        Webhooks webhooks = Webhooks.builder().discoverParsers(false).parser(parser)
                .secret("gitlab", GitLabFixtures.TOKEN).onAny(seen::add).build();

        WebhookResult first = webhooks.handle(delivery("Push Hook", bytes("push.json"), "event-a", "idem-1"));
        WebhookResult retry = webhooks.handle(delivery("Push Hook", bytes("push.json"), "event-a", "idem-1"));
        WebhookResult otherHook = webhooks.handle(delivery("Push Hook", bytes("push.json"), "event-a", "idem-2"));

        assertThat(first).isInstanceOf(WebhookResult.Accepted.class);
        assertThat(retry).isInstanceOf(WebhookResult.Duplicate.class);
        assertThat(otherHook).isInstanceOf(WebhookResult.Accepted.class);
        assertThat(seen).hasSize(2);
    }

    @Test
    void theParserIsFoundByServiceLoader() {
        Webhooks webhooks = Webhooks.builder().secret("gitlab", GitLabFixtures.TOKEN).build();

        WebhookResult result = webhooks.handle(delivery("Push Hook", bytes("push.json")));

        assertThat(result).isInstanceOf(WebhookResult.Accepted.class);
        assertThat(result.provider()).map(p -> p.id()).contains("gitlab");
    }

    // ---- helpers

    private static String sha(int i) {
        return String.format("%040x", i + 1);
    }

    private static ArrayNode commits(int count) {
        ArrayNode commits = NODES.arrayNode();
        for (int i = 0; i < count; i++) {
            ObjectNode c = commits.addObject();
            c.put("id", sha(i));
            c.put("message", "commit " + i);
            c.put("timestamp", "2024-01-01T00:00:0" + (i % 10) + "Z");
            c.putObject("author").put("name", "Dev").put("email", "dev@example.com");
            c.putArray("added");
            c.putArray("modified").add("drivers/gpu/file" + i + ".c");
            c.putArray("removed");
        }
        return commits;
    }

    private static ObjectNode labelChange(List<String> previous, List<String> current) {
        ObjectNode change = NODES.objectNode();
        ArrayNode before = change.putArray("previous");
        previous.forEach(t -> before.addObject().put("title", t));
        ArrayNode after = change.putArray("current");
        current.forEach(t -> after.addObject().put("title", t));
        return change;
    }
}
