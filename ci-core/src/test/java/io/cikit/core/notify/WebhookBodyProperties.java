package io.cikit.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cikit.core.config.Secret;
import io.cikit.core.json.Json;
import io.cikit.core.webhook.Signatures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

/** Whatever the text, the webhook body is valid UTF-8 JSON that gives the text back, and its signature verifies. */
class WebhookBodyProperties {

    @Property(tries = 500)
    void theBodyIsValidJsonCarryingTheTextWithOnlyLoneSurrogatesReplaced(
            @ForAll @StringLength(min = 1, max = 300) String title, @ForAll @StringLength(max = 600) String message,
            @ForAll @StringLength(min = 1, max = 40) String metaKey, @ForAll @StringLength(max = 100) String metaValue) {
        Notification n = Notification.builder().title("t" + title).message(message).severity(Severity.WARNING)
                .channels("webhook").meta(metaKey, metaValue).build();

        byte[] body = WebhookBody.of(n, "key");

        // strict UTF-8: re-encoding what was decoded gives the same bytes only when nothing was malformed
        assertThat(new String(body, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8)).isEqualTo(body);
        JsonNode json = Json.read(body);
        assertThat(json.path("title").asText()).isEqualTo(WebhookBody.clean(n.title()));
        assertThat(json.path("message").asText()).isEqualTo(WebhookBody.clean(n.message()));
        assertThat(json.path("metadata").size()).isEqualTo(n.metadata().size());
    }

    @Property(tries = 500)
    void cleaningKeepsLengthAndValidPairsAndLeavesNoLoneSurrogate(@ForAll String text) {
        String cleaned = WebhookBody.clean(text);

        assertThat(cleaned).hasSameSizeAs(text);
        for (int i = 0; i < cleaned.length(); i++) {
            char c = cleaned.charAt(i);
            if (Character.isHighSurrogate(c)) {
                assertThat(i + 1 < cleaned.length() && Character.isLowSurrogate(cleaned.charAt(i + 1))).isTrue();
                assertThat(text.charAt(i + 1)).isEqualTo(cleaned.charAt(++i));
            } else {
                assertThat(Character.isLowSurrogate(c)).isFalse();
                assertThat(c == '\uFFFD' || c == text.charAt(i)).isTrue();
            }
        }
    }

    @Property(tries = 300)
    void theSignatureVerifiesForItsBodyAndSecretOnly(@ForAll @StringLength(min = 1, max = 200) String title,
            @ForAll @StringLength(min = 1, max = 64) String secretText) {
        Secret secret = Secret.of(secretText);
        byte[] body = WebhookBody.of(Notification.builder().title("t" + title).severity(Severity.INFO).channels("webhook").build(), "k");
        String signature = WebhookChannel.signature(secret, body);

        assertThat(signature).matches("sha256=[0-9a-f]{64}");
        assertThat(Signatures.verifyHmacSha256(signature, body, List.of(secret))).isTrue();
        byte[] tampered = body.clone();
        tampered[tampered.length / 2] ^= 1;
        assertThat(Signatures.verifyHmacSha256(signature, tampered, List.of(secret))).isFalse();
    }
}
