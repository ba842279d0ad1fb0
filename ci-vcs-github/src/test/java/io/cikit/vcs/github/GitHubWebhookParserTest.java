package io.cikit.vcs.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cikit.core.config.Secret;
import io.cikit.core.event.BranchEvent;
import io.cikit.core.event.CiEvent;
import io.cikit.core.event.CommentEvent;
import io.cikit.core.event.GenericEvent;
import io.cikit.core.event.PullRequestAction;
import io.cikit.core.event.PullRequestEvent;
import io.cikit.core.event.PushEvent;
import io.cikit.core.event.RefAction;
import io.cikit.core.event.TagEvent;
import io.cikit.core.json.Json;
import io.cikit.core.webhook.WebhookRequest;
import io.cikit.core.webhook.WebhookResult;
import io.cikit.core.webhook.Webhooks;
import io.cikit.vcs.github.GitHubWebhookParserContractTest.GitHubDeliveries;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every GitHub fixture parses into the right event with the right fields. */
class GitHubWebhookParserTest {
    private static final Secret SECRET = GitHubWebhookParserContractTest.SECRET;

    private final Webhooks webhooks = Webhooks.builder()
            .discoverParsers(false)
            .parser(new GitHubWebhookParser())
            .secret("github", SECRET)
            .meterRegistry(new SimpleMeterRegistry())
            .build();

    @Test
    void aTagPushKeepsRefShasHeadCommitAndFiles() {
        PushEvent push = accepted("push", fixture("push.event.json"), PushEvent.class);

        assertThat(push.ref()).isEqualTo("refs/tags/simple-tag");
        assertThat(push.tag()).contains("simple-tag");
        assertThat(push.branch()).isEmpty();
        assertThat(push.before()).isEqualTo(PushEvent.ZERO_SHA);
        assertThat(push.after()).isEqualTo("6113728f27ae82c7b1a177c8d03f9e96e0adf246");
        assertThat(push.created()).isTrue();
        assertThat(push.deleted()).isFalse();
        assertThat(push.commits()).isEmpty();
        assertThat(push.headCommit()).hasValueSatisfying(c -> {
            assertThat(c.message()).isEqualTo("Adding a .gitignore file");
            assertThat(c.added()).containsExactly(".gitignore");
            assertThat(c.author()).hasValueSatisfying(a -> assertThat(a.login()).contains("Codertocat"));
        });
        assertThat(push.repository().fullName()).isEqualTo("Codertocat/Hello-World");
        assertThat(push.repository().cloneUrl()).contains("https://github.com/Codertocat/Hello-World.git");
        assertThat(push.repository().defaultBranch()).contains("master");
        assertThat(push.deliveryId()).isPresent();
        assertThat(push.raw().json().path("compare").asText()).contains("compare/simple-tag");
    }

    @Test
    void aBranchPushListsCommitsWithAddedModifiedAndRemovedFiles() {
        ObjectNode json = (ObjectNode) Json.read(fixture("push.event.json")).deepCopy();
        json.put("ref", "refs/heads/main");
        json.put("created", false);
        json.put("before", "a".repeat(40));
        json.set("commits", Json.mapper().createArrayNode().add(json.get("head_commit").deepCopy()));
        ((ObjectNode) json.get("commits").get(0)).set("modified", Json.mapper().createArrayNode().add("src/a.c"));
        ((ObjectNode) json.get("commits").get(0)).set("removed", Json.mapper().createArrayNode().add("old.txt"));

        PushEvent push = accepted("push", Json.write(json), PushEvent.class);

        assertThat(push.branch()).contains("main");
        assertThat(push.commits()).singleElement().satisfies(c -> {
            assertThat(c.sha()).isEqualTo("6113728f27ae82c7b1a177c8d03f9e96e0adf246");
            assertThat(c.changedFiles()).containsExactly(".gitignore", "src/a.c", "old.txt");
        });
        assertThat(push.commitsTruncated()).isFalse();
    }

    @Test
    void aBranchDeletionHasNoHeadCommit() {
        ObjectNode json = (ObjectNode) Json.read(fixture("push.event.json")).deepCopy();
        json.put("ref", "refs/heads/gone");
        json.put("before", "6113728f27ae82c7b1a177c8d03f9e96e0adf246");
        json.put("after", PushEvent.ZERO_SHA);
        json.put("created", false);
        json.put("deleted", true);
        json.putNull("head_commit");

        PushEvent push = accepted("push", Json.write(json), PushEvent.class);

        assertThat(push.deleted()).isTrue();
        assertThat(push.headCommit()).isEmpty();
        assertThat(PushEvent.isZeroSha(push.after())).isTrue();
    }

    @Test
    void anOpenedPullRequestCarriesHeadBaseAndFlags() {
        PullRequestEvent event = accepted("pull_request", fixture("pull_request.opened.json"), PullRequestEvent.class);

        assertThat(event.action()).isEqualTo(PullRequestAction.of(PullRequestAction.Kind.OPENED, "opened"));
        assertThat(event.pullRequest().number()).isEqualTo(2);
        assertThat(event.pullRequest().headRef()).isEqualTo("changes");
        assertThat(event.pullRequest().baseRef()).isEqualTo("master");
        assertThat(event.pullRequest().headSha()).isEqualTo("ec26c3e57ca3a959ca5aad62de7213c562f8c821");
        assertThat(event.pullRequest().draft()).isFalse();
        assertThat(event.pullRequest().merged()).isFalse();
        assertThat(event.pullRequest().fromFork()).isFalse();
    }

    @Test
    void aSynchronizeIsNewCodeOnThePullRequest() {
        PullRequestEvent event = accepted("pull_request", fixture("pull_request.synchronize.json"), PullRequestEvent.class);

        assertThat(event.action().kind()).isEqualTo(PullRequestAction.Kind.SYNCHRONIZED);
        assertThat(event.action().raw()).isEqualTo("synchronize");
        assertThat(event.action().bringsNewCode()).isTrue();
    }

    @Test
    void aClosedAndMergedPullRequestIsMergedAndUnknownActionsKeepTheirWord() {
        ObjectNode json = (ObjectNode) Json.read(fixture("pull_request.opened.json")).deepCopy();
        json.put("action", "closed");
        ((ObjectNode) json.get("pull_request")).put("merged", true);
        assertThat(accepted("pull_request", Json.write(json), PullRequestEvent.class).action().kind())
                .isEqualTo(PullRequestAction.Kind.MERGED);

        json.put("action", "auto_merge_enabled");
        PullRequestEvent unknown = accepted("pull_request", Json.write(json), PullRequestEvent.class);
        assertThat(unknown.action().kind()).isEqualTo(PullRequestAction.Kind.OTHER);
        assertThat(unknown.action().raw()).isEqualTo("auto_merge_enabled");
    }

    @Test
    void aPullRequestFromAForkOrADeletedForkIsMarked() {
        ObjectNode json = (ObjectNode) Json.read(fixture("pull_request.opened.json")).deepCopy();
        ((ObjectNode) json.get("pull_request").get("head").get("repo")).put("full_name", "someone/Hello-World");
        assertThat(accepted("pull_request", Json.write(json), PullRequestEvent.class).pullRequest().fromFork()).isTrue();

        ((ObjectNode) json.get("pull_request").get("head")).putNull("repo");
        assertThat(accepted("pull_request", Json.write(json), PullRequestEvent.class).pullRequest().fromFork()).isTrue();
    }

    @Test
    void createAndDeleteOfATagOrBranchBecomeRefEvents() {
        TagEvent created = accepted("create", fixture("create.event.json"), TagEvent.class);
        assertThat(created.name()).isEqualTo("simple-tag");
        assertThat(created.action()).isEqualTo(RefAction.CREATED);

        TagEvent deleted = accepted("delete", fixture("delete.event.json"), TagEvent.class);
        assertThat(deleted.action()).isEqualTo(RefAction.DELETED);

        ObjectNode json = (ObjectNode) Json.read(fixture("create.event.json")).deepCopy();
        json.put("ref_type", "branch");
        json.put("ref", "feature/x");
        BranchEvent branch = accepted("create", Json.write(json), BranchEvent.class);
        assertThat(branch.name()).isEqualTo("feature/x");
    }

    @Test
    void anIssueCommentOnAPullRequestIsACommentEvent() {
        CommentEvent comment = accepted("issue_comment", fixture("issue_comment.created.json"), CommentEvent.class);

        assertThat(comment.action()).isEqualTo("created");
        assertThat(comment.number()).isEqualTo(1);
        assertThat(comment.body()).isEqualTo("You are totally right! I'll get this fixed right away.");
        assertThat(comment.author()).hasValueSatisfying(a -> assertThat(a.login()).contains("Codertocat"));
        assertThat(comment.onPullRequest()).isFalse();

        ObjectNode json = (ObjectNode) Json.read(fixture("issue_comment.created.json")).deepCopy();
        ((ObjectNode) json.get("issue")).set("pull_request", Json.mapper().createObjectNode().put("url", "https://x"));
        ((ObjectNode) json.get("comment")).put("body", "/retest");
        CommentEvent onPr = accepted("issue_comment", Json.write(json), CommentEvent.class);
        assertThat(onPr.onPullRequest()).isTrue();
        assertThat(onPr.body()).isEqualTo("/retest");
    }

    @Test
    void pingAndEventsWithoutAModelAreKeptAsGenericEvents() {
        GenericEvent ping = accepted("ping", fixture("ping.event.json"), GenericEvent.class);
        assertThat(ping.eventName()).isEqualTo("ping");
        assertThat(ping.raw().json().path("zen").asText()).isNotEmpty();

        GenericEvent release = accepted("release", "{\"action\":\"published\",\"repository\":{\"full_name\":\"o/r\"}}"
                .getBytes(StandardCharsets.UTF_8), GenericEvent.class);
        assertThat(release.action()).contains("published");
        assertThat(release.repository()).hasValueSatisfying(r -> assertThat(r.fullName()).isEqualTo("o/r"));
    }

    @Test
    void workflowRunWithoutTheActionsModuleIsIgnoredNamingTheArtifact() {
        WebhookResult result = webhooks.handle(delivery("workflow_run", fixture("workflow_run.completed.json")));

        assertThat(result).isInstanceOfSatisfying(WebhookResult.Ignored.class,
                ignored -> assertThat(ignored.reason()).contains("io.cikit:ci-build-actions"));
    }

    @Test
    void aFormEncodedDeliveryIsVerifiedOverTheFormBodyAndParsedFromItsPayloadField() {
        byte[] json = fixture("pull_request.opened.json");
        byte[] form = ("payload=" + URLEncoder.encode(new String(json, StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.US_ASCII);

        WebhookResult result = webhooks.handle(GitHubDeliveries.signed(form, "pull_request", SECRET,
                UUID.randomUUID().toString(), "application/x-www-form-urlencoded"));

        assertThat(result).isInstanceOf(WebhookResult.Accepted.class);
        assertThat(((WebhookResult.Accepted) result).event()).isInstanceOf(PullRequestEvent.class);
    }

    @Test
    void nonAsciiBodiesVerifyOnBytesAndParseAsUtf8() {
        String body = "{\"ref\":\"refs/heads/caf\u00e9-\uD83D\uDE80\",\"before\":\"" + "1".repeat(40) + "\",\"after\":\""
                + "2".repeat(40) + "\",\"commits\":[{\"id\":\"" + "2".repeat(40) + "\",\"message\":\"fix \u00fc\u00f1\u00ee \uD83D\uDC1B\","
                + "\"author\":{\"name\":\"J\u00fcrgen \u5f20\"}}],\"repository\":{\"full_name\":\"o/r\"}}";

        PushEvent push = accepted("push", body.getBytes(StandardCharsets.UTF_8), PushEvent.class);

        assertThat(push.branch()).contains("caf\u00e9-\uD83D\uDE80");
        assertThat(push.commits().get(0).message()).isEqualTo("fix \u00fc\u00f1\u00ee \uD83D\uDC1B");
        assertThat(push.commits().get(0).author()).hasValueSatisfying(a -> assertThat(a.name()).isEqualTo("J\u00fcrgen \u5f20"));
    }

    @Test
    void theSameGuidFromTwoHooksIsNotADuplicate() {
        byte[] body = fixture("ping.event.json");
        WebhookRequest first = delivery("ping", body);
        WebhookRequest otherHook = WebhookRequest.of(first.headers().toBuilder().set("X-GitHub-Hook-ID", "1").build(), body);

        assertThat(webhooks.handle(first)).isInstanceOf(WebhookResult.Accepted.class);
        assertThat(webhooks.handle(otherHook)).isInstanceOf(WebhookResult.Accepted.class);
        assertThat(webhooks.handle(first)).isInstanceOf(WebhookResult.Duplicate.class);
    }

    @Test
    void onlyTheLegacySha1SignatureIsRejectedWithAReasonSayingSo() {
        byte[] body = fixture("ping.event.json");
        WebhookRequest signed = delivery("ping", body);
        WebhookRequest sha1Only = WebhookRequest.of(signed.headers().toBuilder().remove("X-Hub-Signature-256")
                .add("X-Hub-Signature", "sha1=0000").build(), body);

        WebhookResult result = webhooks.handle(sha1Only);

        assertThat(result.httpStatus()).isEqualTo(401);
        assertThat(((WebhookResult.Rejected) result).error().getMessage()).contains("SHA-256 is required");
    }

    private <E extends CiEvent> E accepted(String eventName, byte[] body, Class<E> type) {
        WebhookResult result = webhooks.handle(delivery(eventName, body));
        assertThat(result).as("outcome of %s", eventName).isInstanceOf(WebhookResult.Accepted.class);
        return type.cast(((WebhookResult.Accepted) result).event());
    }

    private static WebhookRequest delivery(String eventName, byte[] body) {
        return GitHubDeliveries.signed(body, eventName, SECRET, UUID.randomUUID().toString());
    }

    private static byte[] fixture(String name) {
        try (InputStream in = GitHubWebhookParserTest.class.getResourceAsStream("/github/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
