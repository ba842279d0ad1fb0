package io.cikit.examples;

import io.cikit.core.config.CiConfig;
import io.cikit.core.config.Secret;
import io.cikit.core.event.CiEvent;
import io.cikit.core.event.VcsEvent;
import io.cikit.core.trigger.TriggerDecision;
import io.cikit.core.trigger.TriggerPolicy;
import io.cikit.core.webhook.WebhookRequest;
import io.cikit.core.webhook.WebhookResult;
import io.cikit.core.webhook.Webhooks;
import java.util.function.BiConsumer;

/**
 * The README's embedding example, kept here so it always compiles: a host's webhook endpoint hands each delivery
 * to {@link Webhooks}, answers with the status cikit gives, and decides with a {@link TriggerPolicy} what to test.
 */
public final class EmbeddingExample {
    private final Webhooks webhooks;

    // tag::embedding[]
    public EmbeddingExample(CiConfig config, BiConsumer<CiEvent, TriggerDecision> startTests) {
        TriggerPolicy policy = TriggerPolicy.builder()
                .includeBranches("main", "release/**")
                .excludePaths("docs/**", "**/*.md")
                .build();
        webhooks = Webhooks.builder()
                // parsers on the class path (ci-vcs-github, ci-vcs-gitlab, …) are found through ServiceLoader
                .secret("github", config.secrets("cikit.github.webhook-secret").toArray(Secret[]::new))
                .on(VcsEvent.class, event -> {
                    TriggerDecision decision = policy.decide(event);
                    if (decision.trigger()) {
                        startTests.accept(event, decision); // decision.commits(): the shas to test
                    }
                })
                .build();
    }

    /** Call from the host's HTTP endpoint; answer the sender with {@code result.httpStatus()}. */
    public WebhookResult onDelivery(WebhookRequest request) {
        return webhooks.handle(request);
    }
    // end::embedding[]
}
