package io.cikit.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProviderConfigTest {

    private final CiConfig config = CiConfigTest.isolated()
            .set("cikit.slack.webhook-url", "https://hooks.slack.example/services/T/B/X")
            .set("cikit.slack.timeout", "5s")
            .set("cikit.slack.retry.max", "3")
            .environment(Map.of("CIKIT_SLACK_CHANNEL", "#lab"))
            .build();

    @Test
    void aPrefixViewReadsKeysUnderThePrefixInAnySpelling() {
        ProviderConfig slack = config.forPrefix("cikit.slack");

        assertThat(slack.get("webhook-url")).contains("https://hooks.slack.example/services/T/B/X");
        assertThat(slack.get("WEBHOOK_URL")).contains("https://hooks.slack.example/services/T/B/X");
        assertThat(slack.get("channel")).contains("#lab");
        assertThat(slack.duration("timeout")).contains(Duration.ofSeconds(5));
        assertThat(slack.uri("webhook-url")).contains(URI.create("https://hooks.slack.example/services/T/B/X"));
        assertThat(slack.get("nothing")).isEmpty();
    }

    @Test
    void prefixesNestAndMayEndWithASeparator() {
        assertThat(config.forPrefix("cikit.slack").forPrefix("retry").integer("max")).contains(3);
        assertThat(config.forPrefix("cikit.slack.").get("channel")).contains("#lab");
        assertThat(config.forPrefix("CIKIT_SLACK_").get("channel")).contains("#lab");
    }

    @Test
    void messagesFromAPrefixViewNameTheFullKey() {
        ProviderConfig slack = config.forPrefix("cikit.slack");

        assertThat(slack.keyName("webhook-url")).isEqualTo("cikit.slack.webhook-url");
        assertThatThrownBy(() -> slack.require("token"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("`cikit.slack.token` / `CIKIT_SLACK_TOKEN` is required but not set");
        assertThatThrownBy(() -> slack.integer("channel"))
                .hasMessage("`cikit.slack.channel` / `CIKIT_SLACK_CHANNEL`: `#lab` is not an integer");
    }

    @Test
    void aPrefixViewDescribesThroughTheFullConfiguration() {
        assertThat(config.forPrefix("cikit.slack").describe("channel"))
                .isEqualTo("`cikit.slack.channel` / `CIKIT_SLACK_CHANNEL`: from environment variable `CIKIT_SLACK_CHANNEL`");
    }

    @Test
    void aSecretLookingKeyReadThroughAPrefixViewIsNeverShown() {
        assertThatThrownBy(() -> config.forPrefix("cikit.slack").integer("webhook-url"))
                .hasMessage("`cikit.slack.webhook-url` / `CIKIT_SLACK_WEBHOOK_URL`: the value (hidden) is not an integer");
    }

    @Test
    void aMapLookupWorksAsAProviderConfigWithTheSameTypedAccessors() {
        Map<String, String> map = new HashMap<>();
        map.put("webhook-url", "https://hooks.example/x");
        map.put("timeout", "250ms");
        map.put("channels", "#a, #b");
        map.put("blank", "  ");
        ProviderConfig fromMap = ProviderConfig.of(map::get);

        assertThat(fromMap.get("webhook-url")).contains("https://hooks.example/x");
        assertThat(fromMap.duration("timeout")).contains(Duration.ofMillis(250));
        assertThat(fromMap.list("channels")).containsExactly("#a", "#b");
        assertThat(fromMap.get("blank")).isEmpty();
        assertThat(fromMap.get("missing")).isEmpty();
        assertThat(fromMap.describe("timeout")).isEqualTo("`timeout` / `TIMEOUT`: set");
        assertThat(fromMap.describe("blank")).isEqualTo("`blank` / `BLANK`: not set");
    }

    @Test
    void aMapLookupPassesKeysAsAskedWithoutFolding() {
        ProviderConfig fromMap = ProviderConfig.of(Map.of("webhook-url", "x")::get);

        assertThat(fromMap.get("webhook_url")).isEmpty();
    }

    @Test
    void aLambdaIsAProviderConfig() {
        ProviderConfig lambda = key -> Optional.ofNullable(Map.of("port", "25").get(key));

        assertThat(lambda.integer("port")).contains(25);
        assertThat(lambda.forPrefix("smtp").keyName("port")).isEqualTo("smtp.port");
    }

    @Test
    void theEmptyProviderConfigHasNothing() {
        assertThat(ProviderConfig.empty().get("x")).isEmpty();
        assertThat(ProviderConfig.empty().secrets("x")).isEmpty();
    }

    @Test
    void providerConfigsNeverPrintValues() {
        ProviderConfig fromMap = ProviderConfig.of(Map.of("token", "tok-123")::get);

        assertThat(fromMap.toString()).doesNotContain("tok-123");
        assertThat(config.forPrefix("cikit.slack").toString()).doesNotContain("hooks.slack.example", "#lab");
    }
}
