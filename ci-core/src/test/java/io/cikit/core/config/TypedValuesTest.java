package io.cikit.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TypedValuesTest {

    private static ProviderConfig with(String key, String value) {
        return CiConfigTest.isolated().set(key, value).build();
    }

    @Test
    void integersAndLongsParseAfterStripping() {
        assertThat(with("cikit.retry.max", " 42 ").integer("cikit.retry.max")).contains(42);
        assertThat(with("cikit.history.max-bytes", "8589934592").longValue("cikit.history.max-bytes"))
                .contains(8_589_934_592L);
        assertThat(CiConfig.empty().integer("cikit.retry.max")).isEmpty();
    }

    @Test
    void aValueThatIsNotAnIntegerIsReportedWithTheKeyInBothSpellingsAndTheValue() {
        assertThatThrownBy(() -> with("cikit.retry.max-attempts", "4x2").integer("cikit.retry.max-attempts"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("`cikit.retry.max-attempts` / `CIKIT_RETRY_MAX_ATTEMPTS`: `4x2` is not an integer");
    }

    @Test
    void anIntegerOutOfRangeIsNotAnInteger() {
        assertThatThrownBy(() -> with("cikit.retry.max", "3000000000").integer("cikit.retry.max"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("`3000000000` is not an integer");
    }

    @ParameterizedTest
    @CsvSource({"true, true", "TRUE, true", "yes, true", "On, true", "false, false", "no, false", "OFF, false"})
    void booleansAcceptTrueFalseYesNoOnOff(String text, boolean expected) {
        assertThat(with("cikit.unsigned", text).bool("cikit.unsigned")).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"maybe", "1", "0", "t", "enabled"})
    void anythingElseIsNotABoolean(String text) {
        assertThatThrownBy(() -> with("cikit.unsigned", text).bool("cikit.unsigned"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("`cikit.unsigned` / `CIKIT_UNSIGNED`")
                .hasMessageContaining("`" + text + "` is not a boolean");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "30s,    PT30S",
        "5m,     PT5M",
        "4h,     PT4H",
        "250ms,  PT0.25S",
        "2d,     PT48H",
        "PT30S,  PT30S",
        "pt1m30s, PT1M30S",
        "P1DT2H, PT26H",
        "45,     PT45S",
        "0,      PT0S",
        "10 S,   PT10S",
        "1H,     PT1H",
    })
    void durationsAcceptShortUnitsIsoAndBareSeconds(String text, String iso) {
        assertThat(with("cikit.http.timeout", text).duration("cikit.http.timeout")).contains(Duration.parse(iso));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5s", "PT-1S", "1.5s", "5 minutes", "s", "5w", "P", "PTxS", "99999999999999999999s",
        "999999999999999999d", "1e3"})
    void malformedOrNegativeDurationsAreRejectedNamingKeyValueAndSyntax(String text) {
        assertThatThrownBy(() -> with("cikit.http.timeout", text).duration("cikit.http.timeout"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("`cikit.http.timeout` / `CIKIT_HTTP_TIMEOUT`: `" + text + "` is not a duration")
                .hasMessageContaining("30s, 5m, 4h");
    }

    @Test
    void urisMustBeAbsolute() {
        assertThat(with("cikit.lava.url", "https://lava.example.org/api/v0.2/").uri("cikit.lava.url"))
                .contains(URI.create("https://lava.example.org/api/v0.2/"));
        assertThatThrownBy(() -> with("cikit.lava.url", "/api/v0.2").uri("cikit.lava.url"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("`cikit.lava.url` / `CIKIT_LAVA_URL`: `/api/v0.2` is not an absolute URI");
        assertThatThrownBy(() -> with("cikit.lava.url", "http://a b").uri("cikit.lava.url"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("is not an absolute URI");
    }

    @Test
    void listsAreCommaSeparatedStrippedWithEmptiesDropped() {
        assertThat(with("cikit.boards", " rpi4, ,beagle ,, imx8 ,").list("cikit.boards"))
                .containsExactly("rpi4", "beagle", "imx8");
        assertThat(with("cikit.boards", ",,").list("cikit.boards")).isEmpty();
        assertThat(CiConfig.empty().list("cikit.boards")).isEmpty();
    }

    @Test
    void secretsAreCommaSeparatedForRotation() {
        ProviderConfig config = with("cikit.webhook.secret", "old-secret, new-secret");

        assertThat(config.secrets("cikit.webhook.secret")).hasSize(2)
                .anySatisfy(s -> assertThat(s.matches("old-secret")).isTrue())
                .anySatisfy(s -> assertThat(s.matches("new-secret")).isTrue());
        assertThat(config.secret("cikit.webhook.secret").map(Secret::reveal)).contains("old-secret, new-secret");
        assertThat(CiConfig.empty().secrets("cikit.webhook.secret")).isEmpty();
        assertThat(CiConfig.empty().secret("cikit.webhook.secret")).isEmpty();
    }

    @Test
    void requireNamesTheMissingKeyInBothSpellings() {
        assertThatThrownBy(() -> CiConfig.empty().require("cikit.slack.webhook-url"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("`cikit.slack.webhook-url` / `CIKIT_SLACK_WEBHOOK_URL` is required but not set")
                .satisfies(e -> assertThat(((ConfigurationException) e).problems()).hasSize(1));
        assertThatThrownBy(() -> CiConfig.empty().require("CIKIT_SLACK_WEBHOOK_URL"))
                .hasMessage("`cikit.slack.webhook.url` / `CIKIT_SLACK_WEBHOOK_URL` is required but not set");
        assertThat(with("cikit.a", "v").require("cikit.a")).isEqualTo("v");
    }

    @Test
    void aLongBadValueIsCutShortAndControlCharactersAreNeutralisedInMessages() {
        String junk = "x".repeat(500) + "\nFORGED LOG LINE";

        assertThatThrownBy(() -> ProviderConfig.of(Map.of("n", "1\r\n2")::get).integer("n"))
                .hasMessage("`n` / `N`: `1??2` is not an integer");
        assertThatThrownBy(() -> ProviderConfig.of(Map.of("n", junk)::get).integer("n"))
                .hasMessageContaining("x".repeat(80) + "…`")
                .hasMessageNotContaining("FORGED");
    }

    @Test
    void aCustomParsersExceptionTextIsNeverShown() {
        ConfigKey<Integer> port = ConfigKey.of("cikit.lab.port", "a port number (1-65535)", text -> {
            int p = Integer.parseInt(text);
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException("internal detail " + text);
            }
            return p;
        });

        assertThat(with("cikit.lab.port", "8080").value(port)).contains(8080);
        assertThatThrownBy(() -> with("cikit.lab.port", "70000").value(port))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("`cikit.lab.port` / `CIKIT_LAB_PORT`: `70000` is not a port number (1-65535)");
    }

    @Test
    void aParserReturningNullCountsAsNotParsing() {
        ConfigKey<String> nothing = ConfigKey.of("cikit.x", "a thing", text -> null);

        assertThatThrownBy(() -> with("cikit.x", "v").value(nothing)).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void defaultsApplyOnlyWhenTheKeyIsNotSet() {
        ConfigKey<Duration> timeout = ConfigKey.duration("cikit.http.timeout").withDefault(Duration.ofSeconds(10));

        assertThat(CiConfig.empty().value(timeout)).contains(Duration.ofSeconds(10));
        assertThat(CiConfig.empty().require(timeout)).isEqualTo(Duration.ofSeconds(10));
        assertThat(with("cikit.http.timeout", "3s").value(timeout)).contains(Duration.ofSeconds(3));
        assertThatThrownBy(() -> with("cikit.http.timeout", "soon").value(timeout))
                .isInstanceOf(ConfigurationException.class);
    }
}
