package io.cikit.vcs.github;

import io.cikit.core.config.Secret;
import io.cikit.core.event.EventType;
import io.cikit.core.http.Headers;
import io.cikit.core.webhook.Signatures;
import io.cikit.core.webhook.WebhookParser;
import io.cikit.core.webhook.WebhookRequest;
import io.cikit.testkit.WebhookParserContract;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** GitHub's parser against the webhook parser contract every provider meets. */
class GitHubWebhookParserContractTest extends WebhookParserContract {
    static final Secret SECRET = Secret.of("It's a Secret to Everybody");

    @Override
    protected WebhookParser parser() {
        return new GitHubWebhookParser();
    }

    @Override
    protected Secret secret() {
        return SECRET;
    }

    @Override
    protected WebhookRequest signed(byte[] body, String eventName) {
        return GitHubDeliveries.signed(body, eventName, SECRET, UUID.nameUUIDFromBytes(body).toString());
    }

    @Override
    protected List<Sample> samples() {
        return List.of(
                Sample.of("push", resource("/github/push.event.json")).expectAccepted(EventType.PUSH),
                Sample.of("pull_request", resource("/github/pull_request.opened.json")).expectAccepted(EventType.PULL_REQUEST),
                Sample.of("pull_request", resource("/github/pull_request.synchronize.json")).expectAccepted(EventType.PULL_REQUEST),
                Sample.of("create", resource("/github/create.event.json")).expectAccepted(EventType.TAG),
                Sample.of("delete", resource("/github/delete.event.json")).expectAccepted(EventType.TAG),
                Sample.of("issue_comment", resource("/github/issue_comment.created.json")).expectAccepted(EventType.COMMENT),
                Sample.of("ping", resource("/github/ping.event.json")).expectAccepted(EventType.OTHER),
                Sample.of("workflow_run", resource("/github/workflow_run.completed.json")).expectIgnored());
    }

    @Override
    protected String unknownEventName() {
        return "sponsorship";
    }

    @Override
    protected Optional<String> signatureHeader() {
        return Optional.of(GitHubWebhookParser.SIGNATURE_HEADER);
    }

    /** Builds deliveries exactly as GitHub sends them. */
    static final class GitHubDeliveries {
        private GitHubDeliveries() {
        }

        static WebhookRequest signed(byte[] body, String eventName, Secret secret, String deliveryId) {
            return signed(body, eventName, secret, deliveryId, "application/json");
        }

        static WebhookRequest signed(byte[] body, String eventName, Secret secret, String deliveryId, String contentType) {
            Headers headers = Headers.builder()
                    .add("X-GitHub-Event", eventName)
                    .add("X-GitHub-Delivery", deliveryId)
                    .add("X-GitHub-Hook-ID", "292430182")
                    .add("X-Hub-Signature-256", "sha256=" + Signatures.hmacSha256Hex(secret.bytes(), body))
                    .add("Content-Type", contentType)
                    .add("User-Agent", "GitHub-Hookshot/044aadd")
                    .build();
            return WebhookRequest.of(headers, body);
        }
    }
}
