package io.cikit.notify.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cikit.core.config.CiConfig;
import io.cikit.core.config.ConfigurationException;
import io.cikit.core.notify.NotificationChannel;
import io.cikit.core.notify.NotificationChannelProvider;
import java.util.Map;
import java.util.List;
import java.util.Properties;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class SlackChannelProviderTest {

    @Test
    void serviceLoaderFindsTheSlackProvider() {
        assertThat(ServiceLoader.load(NotificationChannelProvider.class).stream().map(ServiceLoader.Provider::get)
                .map(NotificationChannelProvider::name)).contains("slack");
    }

    @Test
    void aWebhookUrlMakesAWebhookChannel() {
        NotificationChannel ch = create(Map.of("cikit.slack.webhook-url", "https://hooks.slack.com/services/T/B/x"));

        assertThat(ch.name()).isEqualTo("slack");
        assertThat(ch.toString()).contains("webhook").doesNotContain("hooks.slack.com");
    }

    @Test
    void aTokenWithAChannelMakesAPostMessageChannel() {
        NotificationChannel ch = create(Map.of("cikit.slack.token", "xoxb-1", "cikit.slack.channel", "C123"));

        assertThat(ch.toString()).contains("chat.postMessage to C123").doesNotContain("xoxb");
    }

    @Test
    void missingSettingsNameTheKeys() {
        assertThatThrownBy(() -> create(Map.of())).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("cikit.slack.webhook-url").hasMessageContaining("cikit.slack.token");
        assertThatThrownBy(() -> create(Map.of("cikit.slack.token", "xoxb-secret"))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("cikit.slack.channel").hasMessageNotContaining("xoxb-secret");
    }

    @Test
    void aMalformedWebhookUrlIsAConfigurationErrorThatHidesTheValue() {
        assertThatThrownBy(() -> create(Map.of("cikit.slack.webhook-url", "not a url secretpart")))
                .isInstanceOf(ConfigurationException.class).hasMessageNotContaining("secretpart");
    }

    @Test
    void theOlderEnvironmentNamesStillConfigureTheWebhook() {
        for (String name : List.of("SLACK_WEBHOOK_URL", "NOTIFICATION__SLACK_WEBHOOK_URL")) {
            CiConfig env = CiConfig.builder().systemProperties(new Properties())
                    .environment(Map.of(name, "https://hooks.slack.com/services/T/B/x")).build();

            assertThat(new SlackChannelProvider().create(env.forPrefix("cikit.slack")).toString()).as(name).contains("webhook");
        }
    }

    /** As the dispatcher calls it: a view of {@code cikit.slack.*} over the whole configuration. */
    private static NotificationChannel create(Map<String, String> values) {
        CiConfig.Builder b = CiConfig.builder().systemProperties(new Properties()).environment(Map.of());
        values.forEach(b::set);
        return new SlackChannelProvider().create(b.build().forPrefix("cikit.slack"));
    }
}
