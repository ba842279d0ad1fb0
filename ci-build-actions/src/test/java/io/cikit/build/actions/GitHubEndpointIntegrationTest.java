package io.cikit.build.actions;

import static org.assertj.core.api.Assertions.assertThat;

import io.cikit.core.build.BuildStatus;
import io.cikit.core.config.Secret;
import io.cikit.core.event.BuildEvent;
import io.cikit.core.event.Provider;
import io.cikit.core.http.Headers;
import io.cikit.core.webhook.Signatures;
import io.cikit.core.webhook.WebhookRequest;
import io.cikit.core.webhook.WebhookResult;
import io.cikit.core.webhook.Webhooks;
import io.cikit.testkit.RecordingHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/**
 * ci-vcs-github and ci-build-actions together, found by {@code ServiceLoader} as a host gets them: a signed
 * {@code workflow_run} on the GitHub endpoint is verified once by the GitHub parser and becomes a {@link BuildEvent}.
 */
class GitHubEndpointIntegrationTest {
    private static final Secret SECRET = Secret.of("It's a Secret to Everybody");

    private final RecordingHandler<BuildEvent> builds = new RecordingHandler<>();
    private final Webhooks webhooks = Webhooks.builder()
            .secret("github", SECRET)
            .meterRegistry(new SimpleMeterRegistry())
            .on(BuildEvent.class, builds)
            .build();

    private static WebhookRequest signed(String event, byte[] body, Secret secret) {
        return WebhookRequest.of(Headers.builder()
                .add("X-GitHub-Event", event)
                .add("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958")
                .add("X-GitHub-Hook-ID", "292430182")
                .add("X-Hub-Signature-256", "sha256=" + Signatures.hmacSha256Hex(secret.bytes(), body))
                .add("Content-Type", "application/json")
                .build(), body);
    }

    @Test
    void aSignedWorkflowRunBecomesAnAcceptedBuildEvent() {
        WebhookResult result = webhooks.handle(signed("workflow_run", Fixtures.bytes(Fixtures.RUN), SECRET));

        assertThat(webhooks.providers()).contains(Provider.GITHUB);
        assertThat(result).isInstanceOfSatisfying(WebhookResult.Accepted.class, accepted -> {
            assertThat(accepted.event()).isInstanceOfSatisfying(BuildEvent.class, event -> {
                assertThat(event.provider()).isEqualTo(Provider.GITHUB);
                assertThat(event.deliveryId()).contains("72d3162e-cc78-11e3-81ab-4c9367dc0958");
                assertThat(event.build().system()).isEqualTo("actions");
                assertThat(event.build().buildId()).endsWith("/actions/runs/1589141559/attempts/1");
                assertThat(event.build().status()).isEqualTo(BuildStatus.PENDING);
                assertThat(event.raw().eventName()).isEqualTo("workflow_run");
            });
        });
        assertThat(builds.events()).hasSize(1);
    }

    @Test
    void aSignedWorkflowJobBecomesAnAcceptedBuildEvent() {
        WebhookResult result = webhooks.handle(signed("workflow_job", Fixtures.bytes(Fixtures.JOB), SECRET));

        assertThat(result).isInstanceOfSatisfying(WebhookResult.Accepted.class, accepted -> assertThat(accepted.event())
                .isInstanceOfSatisfying(BuildEvent.class, event -> {
                    assertThat(event.build().status()).isEqualTo(BuildStatus.FAILURE);
                    assertThat(event.build().complete()).isTrue();
                }));
    }

    @Test
    void aWorkflowRunSignedWithAnotherSecretIsRejectedBeforeAnyParsing() {
        WebhookResult result = webhooks.handle(signed("workflow_run", Fixtures.bytes(Fixtures.RUN), Secret.of("wrong")));

        assertThat(result.httpStatus()).isEqualTo(401);
        assertThat(builds.events()).isEmpty();
    }

    @Test
    void aWorkflowRunWithoutItsRunObjectIsRejectedAsMalformed() {
        byte[] body = "{\"action\":\"completed\",\"repository\":{\"full_name\":\"o/r\"}}".getBytes(
                java.nio.charset.StandardCharsets.UTF_8);

        WebhookResult result = webhooks.handle(signed("workflow_run", body, SECRET));

        assertThat(result).isInstanceOfSatisfying(WebhookResult.Rejected.class, r -> {
            assertThat(r.httpStatus()).isEqualTo(400);
            assertThat(r.error().code()).isEqualTo("malformed-payload");
        });
    }
}
