package io.cikit.core.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cikit.core.config.CiConfig;
import io.cikit.core.config.ConfigurationException;
import io.cikit.core.config.ProviderConfig;
import io.cikit.core.spi.Providers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotificationDispatcherTest {
    private final ManualScheduler clock = new ManualScheduler();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final ScriptedChannel slack = new ScriptedChannel("slack", clock);
    private final ScriptedChannel email = new ScriptedChannel("email", clock);
    private final ScriptedChannel teams = new ScriptedChannel("teams", clock);

    private NotificationDispatcher.Builder builder() {
        return NotificationDispatcher.builder()
                .scheduler(clock)
                .outbox(outbox)
                .providers(noProviders())
                .grouping(GroupingPolicy.none())
                .meterRegistry(registry);
    }

    private static Providers<NotificationChannelProvider> noProviders() {
        return Providers.none(NotificationChannelProvider.class, NotificationChannelProvider::name);
    }

    private Notification note(Severity severity, String... channels) {
        return Notification.builder().title("ltp.sem01 failed").severity(severity).channels(channels).timestamp(clock.now()).build();
    }

    @Test
    void sendDeliversToTheNamedChannelWithTheDeliveryIdempotencyKey() {
        try (NotificationDispatcher d = builder().channel(slack).build()) {
            Notification n = note(Severity.ERROR, "slack");
            Dispatch dispatch = d.send(n);

            assertThat(dispatch.accepted()).containsExactly("slack");
            assertThat(outbox.depth()).isEqualTo(1);
            clock.runDue();

            assertThat(slack.calls()).singleElement().satisfies(c -> {
                assertThat(c.notification()).isEqualTo(n);
                assertThat(c.idempotencyKey()).isEqualTo(new DeliveryKey(n.id(), "slack").idempotencyKey());
            });
            assertThat(dispatch.completion()).isCompletedWithValueMatching(r -> r.size() == 1
                    && r.get(0).outcome() == DeliveryResult.Outcome.DELIVERED && r.get(0).attempts() == 1);
            assertThat(outbox.depth()).isZero();
            assertThat(registry.counter("cikit.notify.sent", "channel", "slack").count()).isEqualTo(1.0);
            assertThat(registry.timer("cikit.notify.delivery.latency", "channel", "slack").count()).isEqualTo(1);
        }
    }

    @Test
    void aChannelWithoutItsModuleYieldsAFailedResultNamingTheArtifact() {
        try (NotificationDispatcher d = builder().channel(slack).build()) {
            Dispatch dispatch = d.send(note(Severity.CRITICAL, "slack", "email", "teams"));

            List<DeliveryResult> known = dispatch.known();
            assertThat(known).hasSize(2).allMatch(r -> r.outcome() == DeliveryResult.Outcome.NOT_CONFIGURED);
            assertThat(known.get(0).error()).hasValueSatisfying(e -> assertThat(e)
                    .isEqualTo("`email` channel requested but io.cikit:ci-notify-email is not on the classpath"));
            assertThat(known.get(1).error()).hasValueSatisfying(e -> assertThat(e)
                    .contains("`teams` channel requested but io.cikit:ci-notify-teams is not on the classpath"));
            assertThat(dispatch.accepted()).containsExactly("slack");
            assertThat(registry.counter("cikit.notify.failed", "channel", "email", "reason", "not-configured").count()).isEqualTo(1.0);

            clock.runDue();
            assertThat(dispatch.completion()).isCompletedWithValueMatching(r -> r.size() == 3 && r.get(0).success());
        }
    }

    @Test
    void unknownCustomChannelsAndAWebhookChannelLeftOutOfTheProvidersAreExplained() {
        try (NotificationDispatcher d = builder().build()) {
            List<DeliveryResult> known = d.send(note(Severity.INFO, "discord", "webhook")).known();

            assertThat(known.get(0).error()).hasValueSatisfying(e -> assertThat(e)
                    .startsWith("`discord` channel requested but a module providing it is not on the classpath"));
            assertThat(known.get(1).error()).hasValueSatisfying(e -> assertThat(e)
                    .contains("`webhook` channel requested").contains("io.cikit:ci-core").contains("WebhookChannel.builder()"));
        }
    }

    @Test
    void aProviderWithoutItsConfigurationYieldsAFailedResultNamingTheKey() {
        NotificationChannelProvider slackProvider = new NotificationChannelProvider() {
            @Override
            public String name() {
                return "slack";
            }

            @Override
            public NotificationChannel create(ProviderConfig config) {
                String url = config.require("webhook-url");
                assertThat(url).startsWith("https://");
                return new ScriptedChannel("slack", clock);
            }
        };
        Providers<NotificationChannelProvider> providers = noProviders().register(slackProvider);

        try (NotificationDispatcher unconfigured = builder().providers(providers).build()) {
            DeliveryResult r = unconfigured.send(note(Severity.INFO, "slack")).known().get(0);

            assertThat(r.outcome()).isEqualTo(DeliveryResult.Outcome.NOT_CONFIGURED);
            assertThat(r.error()).hasValueSatisfying(e -> assertThat(e)
                    .contains("`slack` channel is on the classpath but not configured").contains("cikit.slack.webhook-url"));
        }
    }

    @Test
    void aConfiguredProviderIsCreatedOnFirstUseFromItsViewOfTheConfiguration() {
        ScriptedChannel created = new ScriptedChannel("slack", clock);
        List<String> keyNames = new java.util.ArrayList<>();
        NotificationChannelProvider provider = new NotificationChannelProvider() {
            @Override
            public String name() {
                return "slack";
            }

            @Override
            public NotificationChannel create(ProviderConfig config) {
                assertThat(config.get("webhook-url")).contains("https://hooks.example/T1");
                keyNames.add(config.keyName("webhook-url"));
                return created;
            }
        };
        // the older environment name still reaches the provider as its own `webhook-url`
        CiConfig settings = CiConfig.builder().systemProperties(new java.util.Properties())
                .environment(Map.of("SLACK_WEBHOOK_URL", "https://hooks.example/T1")).build();
        try (NotificationDispatcher d = builder().providers(noProviders().register(provider))
                .config(settings).build()) {
            d.send(note(Severity.INFO, "slack"));
            clock.runDue();

            assertThat(created.delivered()).hasSize(1);
            assertThat(d.availableChannels()).containsExactly("slack");
            assertThat(keyNames).containsExactly("cikit.slack.webhook-url");
        }
    }

    @Test
    void notificationsBelowTheMinimumSeverityAreSuppressed() {
        try (NotificationDispatcher d = builder().channel(slack).minSeverity(Severity.ERROR).build()) {
            DeliveryResult r = d.send(note(Severity.WARNING, "slack")).known().get(0);
            clock.runDue();

            assertThat(r.outcome()).isEqualTo(DeliveryResult.Outcome.SUPPRESSED);
            assertThat(r.error()).hasValueSatisfying(e -> assertThat(e).contains("minimum severity ERROR"));
            assertThat(slack.calls()).isEmpty();
            assertThat(outbox.depth()).isZero();
            assertThat(registry.counter("cikit.notify.suppressed", "reason", "below-min-severity").count()).isEqualTo(1.0);
        }
    }

    @Test
    void theMinimumSeverityCanComeFromConfigurationAndABadValueIsReported() {
        try (NotificationDispatcher d = builder().channel(slack).config(key -> key.equals("cikit.notify.min-severity")
                ? Optional.of("warning") : Optional.empty()).build()) {
            assertThat(d.send(note(Severity.INFO, "slack")).known()).singleElement()
                    .extracting(DeliveryResult::outcome).isEqualTo(DeliveryResult.Outcome.SUPPRESSED);
        }
        assertThatThrownBy(() -> builder().config(key -> key.equals("cikit.notify.min-severity")
                ? Optional.of("loud") : Optional.empty()).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("cikit.notify.min-severity").hasMessageContaining("loud");
    }

    @Test
    void withoutAnOutboxTheBuilderSaysHowToGetOne(@TempDir Path dir) {
        assertThatThrownBy(() -> NotificationDispatcher.builder().scheduler(clock).providers(noProviders()).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("cikit.notify.outbox-dir").hasMessageContaining("InMemoryOutbox");

        Path outboxDir = dir.resolve("outbox");
        try (NotificationDispatcher d = NotificationDispatcher.builder().scheduler(clock).providers(noProviders())
                .channel(slack).meterRegistry(registry).grouping(GroupingPolicy.none())
                .config(key -> key.equals("cikit.notify.outbox-dir") ? Optional.of(outboxDir.toString()) : Optional.empty())
                .build()) {
            d.send(note(Severity.INFO, "slack"));
        }
        try (FileOutbox reopened = FileOutbox.open(outboxDir)) {
            assertThat(reopened.depth()).isEqualTo(1);
        }
    }

    @Test
    void routeUsesTheRulesAndKeepsChannelsTheNotificationNamesItself() {
        try (NotificationDispatcher d = builder().channel(slack).channel(email).channel(teams).build()) {
            d.route(note(Severity.INFO));
            d.route(note(Severity.ERROR));
            d.route(note(Severity.WARNING, "teams"));
            // slack takes about one message a second
            clock.advance(Duration.ofSeconds(2));

            assertThat(slack.delivered()).hasSize(3);
            assertThat(email.delivered()).extracting(Notification::severity).containsExactly(Severity.ERROR);
            assertThat(teams.delivered()).extracting(Notification::severity).containsExactly(Severity.WARNING);
        }
    }

    @Test
    void customRoutingRulesReplaceTheDefaults() {
        RoutingRules rules = RoutingRules.builder().atLeast(Severity.WARNING, "teams").build();
        try (NotificationDispatcher d = builder().channel(slack).channel(teams).routing(rules).build()) {
            d.route(note(Severity.INFO));
            d.route(note(Severity.WARNING));
            clock.runDue();

            assertThat(slack.calls()).isEmpty();
            assertThat(teams.delivered()).hasSize(1);
        }
    }

    @Test
    void criticalFailuresGoToSlackEmailAndTeamsWithTheirIds() {
        try (NotificationDispatcher d = builder().channel(slack).channel(email).channel(teams).build()) {
            Dispatch dispatch = d.sendCriticalFailure("Kernel panic on rpi4-03", "BUG: unable to handle page fault",
                    "boot.smoke", "F-42", List.of(Recipient.email("Lab", "lab@example.org")), Map.of("board", "rpi4-03"));
            clock.runDue();

            assertThat(dispatch.channels()).containsExactly("slack", "email", "teams");
            for (ScriptedChannel c : List.of(slack, email, teams)) {
                assertThat(c.delivered()).singleElement().satisfies(n -> {
                    assertThat(n.severity()).isEqualTo(Severity.CRITICAL);
                    assertThat(n.testId()).contains("boot.smoke");
                    assertThat(n.failureId()).contains("F-42");
                    assertThat(n.recipients()).extracting(Recipient::name).containsExactly("Lab");
                    assertThat(n.metadata()).containsEntry("board", "rpi4-03");
                });
            }
        }
    }

    @Test
    void aNotificationWithoutChannelsCompletesEmpty() {
        try (NotificationDispatcher d = builder().channel(slack).build()) {
            Dispatch dispatch = d.send(note(Severity.INFO));

            assertThat(dispatch.completion()).isCompletedWithValue(List.of());
            assertThat(outbox.depth()).isZero();
        }
    }

    @Test
    void aFullOutboxRefusesWithAResultInsteadOfThrowing() {
        InMemoryOutbox tiny = new InMemoryOutbox(1);
        try (NotificationDispatcher d = builder().outbox(tiny).channel(slack).build()) {
            d.send(note(Severity.INFO, "slack"));
            DeliveryResult r = d.send(note(Severity.INFO, "slack")).known().get(0);

            assertThat(r.outcome()).isEqualTo(DeliveryResult.Outcome.REFUSED);
            assertThat(r.error()).hasValueSatisfying(e -> assertThat(e).contains("outbox full"));
            assertThat(registry.counter("cikit.notify.failed", "channel", "slack", "reason", "refused").count()).isEqualTo(1.0);
        }
    }

    @Test
    void afterCloseSendRefusesAndPendingDeliveriesStayInTheOutbox() {
        NotificationDispatcher d = builder().channel(slack).grouping(GroupingPolicy.defaults()).build();
        d.send(note(Severity.INFO, "slack"));
        d.send(note(Severity.INFO, "slack").toBuilder().testId("ltp.sem01").build());
        d.close();
        clock.advance(Duration.ofMinutes(1));

        assertThat(slack.calls()).isEmpty();
        assertThat(outbox.depth()).isEqualTo(2);
        assertThat(d.send(note(Severity.INFO, "slack")).known().get(0).outcome()).isEqualTo(DeliveryResult.Outcome.REFUSED);
    }

    @Test
    void drainWaitsForDeliveryWithTheSystemScheduler() {
        try (NotificationDispatcher d = NotificationDispatcher.builder().outbox(outbox).providers(noProviders())
                .channel(new ScriptedChannel("email", clock))
                .grouping(GroupingPolicy.defaults()).meterRegistry(registry).build()) {
            d.send(Notification.builder().title("t").severity(Severity.INFO).channels("email").testId("x").build());

            assertThat(d.inFlight()).isEqualTo(1);
            assertThat(d.drain(Duration.ofSeconds(10))).isTrue();
            assertThat(d.inFlight()).isZero();
            assertThat(outbox.depth()).isZero();
        }
    }
}
