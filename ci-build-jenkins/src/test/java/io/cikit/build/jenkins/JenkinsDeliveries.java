package io.cikit.build.jenkins;

import io.cikit.core.config.Secret;
import io.cikit.core.http.Headers;
import io.cikit.core.webhook.Signatures;
import io.cikit.core.webhook.WebhookRequest;
import java.util.UUID;

/** Builds Jenkins deliveries the way a configured Jenkins sends them. */
final class JenkinsDeliveries {
    private JenkinsDeliveries() {
    }

    /** With the shared token in {@code X-Jenkins-Token}. */
    static WebhookRequest withToken(byte[] body, String eventName, Secret token) {
        return WebhookRequest.of(common(body, eventName).set(JenkinsWebhookParser.TOKEN_HEADER, token.reveal()).build(), body);
    }

    /** With {@code sha256=<hex>} in {@code X-Jenkins-Signature-256}. */
    static WebhookRequest withHmac(byte[] body, String eventName, Secret key) {
        return WebhookRequest.of(common(body, eventName).set(JenkinsWebhookParser.SIGNATURE_HEADER,
                "sha256=" + Signatures.hmacSha256Hex(key.bytes(), body)).build(), body);
    }

    private static Headers.Builder common(byte[] body, String eventName) {
        return Headers.builder()
                .add(JenkinsWebhookParser.EVENT_HEADER, eventName)
                .add(JenkinsWebhookParser.DELIVERY_HEADER, UUID.nameUUIDFromBytes(body).toString())
                .add("Content-Type", "application/json; charset=UTF-8")
                .add("User-Agent", "Jenkins");
    }
}
