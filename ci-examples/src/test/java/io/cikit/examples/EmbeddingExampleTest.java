package io.cikit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.cikit.core.config.CiConfig;
import io.cikit.core.event.CiEvent;
import io.cikit.core.http.Headers;
import io.cikit.core.trigger.TriggerDecision;
import io.cikit.core.webhook.Signatures;
import io.cikit.core.webhook.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddingExampleTest {

    @Test
    void aSignedPushToMainStartsTestsOnItsHeadAndAnUnsignedOneIsRefused() {
        List<TriggerDecision> started = new ArrayList<>();
        CiConfig config = CiConfig.builder().systemProperties(new java.util.Properties()).environment(Map.of())
                .set("cikit.github.webhook-secret", "s3cret").build();
        EmbeddingExample host = new EmbeddingExample(config, (CiEvent e, TriggerDecision d) -> started.add(d));
        String sha = "b".repeat(40);
        byte[] body = ("{\"ref\":\"refs/heads/main\",\"before\":\"" + "a".repeat(40) + "\",\"after\":\"" + sha + "\","
                + "\"commits\":[{\"id\":\"" + sha + "\",\"message\":\"fix\",\"modified\":[\"src/x.c\"]}],"
                + "\"head_commit\":{\"id\":\"" + sha + "\",\"message\":\"fix\",\"modified\":[\"src/x.c\"]},"
                + "\"repository\":{\"full_name\":\"lab/linux\"}}").getBytes(StandardCharsets.UTF_8);
        Headers headers = Headers.of("X-GitHub-Event", "push", "X-GitHub-Delivery", "d-1",
                "X-Hub-Signature-256", "sha256=" + Signatures.hmacSha256Hex("s3cret".getBytes(StandardCharsets.UTF_8), body));

        assertThat(host.onDelivery(WebhookRequest.of(headers, body)).httpStatus()).isEqualTo(202);
        assertThat(started).singleElement().satisfies(d -> assertThat(d.commits()).containsExactly(sha));

        Headers unsigned = headers.toBuilder().remove("X-Hub-Signature-256").set("X-GitHub-Delivery", "d-2").build();
        assertThat(host.onDelivery(WebhookRequest.of(unsigned, body)).httpStatus()).isEqualTo(401);
        assertThat(started).hasSize(1);
    }
}
