package io.cikit.vcs.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cikit.core.config.Secret;
import io.cikit.core.event.EventType;
import io.cikit.core.http.Headers;
import io.cikit.core.json.Json;
import io.cikit.core.json.JsonLimits;
import io.cikit.core.webhook.WebhookParser;
import io.cikit.core.webhook.WebhookRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** The docs-page payload examples in {@code src/test/resources/gitlab} and deliveries made from them. */
final class GitLabFixtures {
    static final Secret TOKEN = Secret.of("gl-webhook-token-1");
    static final Instant RECEIVED = Instant.parse("2026-03-01T10:00:00Z");

    /** One docs example: its file, the hook name GitLab sends it with, and the event type cikit makes of it. */
    record Example(String file, String hook, EventType type) {
        @Override
        public String toString() {
            return file + " (" + hook + ")";
        }
    }

    /** Every example on the docs page. */
    static final List<Example> EXAMPLES = List.of(
            new Example("push.json", "Push Hook", EventType.PUSH),
            new Example("tag_push.json", "Tag Push Hook", EventType.TAG),
            new Example("issue.json", "Issue Hook", EventType.OTHER),
            new Example("note_commit.json", "Note Hook", EventType.OTHER),
            new Example("note_merge_request.json", "Note Hook", EventType.COMMENT),
            new Example("note_issue.json", "Note Hook", EventType.COMMENT),
            new Example("note_snippet.json", "Note Hook", EventType.OTHER),
            new Example("merge_request.json", "Merge Request Hook", EventType.PULL_REQUEST),
            new Example("wiki_page.json", "Wiki Page Hook", EventType.OTHER),
            new Example("pipeline.json", "Pipeline Hook", EventType.BUILD),
            new Example("job.json", "Job Hook", EventType.BUILD),
            new Example("deployment.json", "Deployment Hook", EventType.OTHER),
            new Example("member_add.json", "Member Hook", EventType.OTHER),
            new Example("member_update.json", "Member Hook", EventType.OTHER),
            new Example("member_remove.json", "Member Hook", EventType.OTHER),
            new Example("member_access_request.json", "Member Hook", EventType.OTHER),
            new Example("member_access_request_denied.json", "Member Hook", EventType.OTHER),
            new Example("project_create.json", "Project Hook", EventType.OTHER),
            new Example("project_destroy.json", "Project Hook", EventType.OTHER),
            new Example("subgroup_create.json", "Subgroup Hook", EventType.OTHER),
            new Example("subgroup_destroy.json", "Subgroup Hook", EventType.OTHER),
            new Example("feature_flag.json", "Feature Flag Hook", EventType.OTHER),
            new Example("release.json", "Release Hook", EventType.OTHER),
            new Example("milestone.json", "Milestone Hook", EventType.OTHER),
            new Example("emoji.json", "Emoji Hook", EventType.OTHER),
            new Example("access_token_project.json", "Resource Access Token Hook", EventType.OTHER),
            new Example("access_token_group.json", "Resource Access Token Hook", EventType.OTHER),
            new Example("vulnerability.json", "Vulnerability Hook", EventType.OTHER));

    private GitLabFixtures() {
    }

    private static final Map<String, byte[]> CACHE = new ConcurrentHashMap<>();

    /** A fixture's bytes (a fresh copy each time). */
    static byte[] bytes(String file) {
        return CACHE.computeIfAbsent(file, GitLabFixtures::load).clone();
    }

    private static byte[] load(String file) {
        try (InputStream in = GitLabFixtures.class.getResourceAsStream("/gitlab/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture gitlab/" + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture as a mutable tree, for hand-made variants. */
    static ObjectNode tree(String file) {
        return (ObjectNode) Json.read(bytes(file)).deepCopy();
    }

    /** A fixture changed by {@code edit}, as bytes. */
    static byte[] edited(String file, Consumer<ObjectNode> edit) {
        ObjectNode tree = tree(file);
        edit.accept(tree);
        return Json.write(tree);
    }

    static Example example(String file) {
        return EXAMPLES.stream().filter(e -> e.file().equals(file)).findFirst().orElseThrow();
    }

    /** A delivery as GitLab sends it: hook name, token, JSON content type, event UUID and idempotency key. */
    static WebhookRequest delivery(String hook, byte[] body) {
        return delivery(hook, body, UUID.randomUUID().toString(), UUID.randomUUID().toString());
    }

    static WebhookRequest delivery(String hook, byte[] body, String eventUuid, String idempotencyKey) {
        return WebhookRequest.of(Headers.builder()
                .add("Content-Type", "application/json")
                .add("User-Agent", "GitLab/17.11.0")
                .add("X-Gitlab-Event", hook)
                .add("X-Gitlab-Token", TOKEN.reveal())
                .add("X-Gitlab-Instance", "https://gitlab.example.com")
                .add("X-Gitlab-Webhook-UUID", "0b8f4b2a-1b7e-4a33-9b0c-5f7e6c8d9e10")
                .add("X-Gitlab-Event-UUID", eventUuid)
                .add("Idempotency-Key", idempotencyKey)
                .build(), body);
    }

    static WebhookParser.Context context() {
        return new WebhookParser.Context(JsonLimits.DEFAULT, RECEIVED, List.of());
    }

    static Optional<JsonNode> node(JsonNode json, String... path) {
        JsonNode n = Json.at(json, path);
        return n.isMissingNode() ? Optional.empty() : Optional.of(n);
    }
}
