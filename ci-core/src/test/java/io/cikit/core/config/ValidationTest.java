package io.cikit.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValidationTest {

    private static final ConfigKey<String> HOST = ConfigKey.string("cikit.email.smtp-host").required();
    private static final ConfigKey<Integer> PORT = ConfigKey.integer("cikit.email.smtp-port").withDefault(587);
    private static final ConfigKey<Duration> TIMEOUT = ConfigKey.duration("cikit.email.timeout");
    private static final ConfigKey<Boolean> TLS = ConfigKey.bool("cikit.email.starttls").withDefault(true);
    private static final ConfigKey<Secret> PASSWORD = ConfigKey.secretValue("cikit.email.password").required();
    private static final ConfigKey<String> FROM = ConfigKey.string("cikit.email.from");
    private static final ConfigSpec EMAIL = ConfigSpec.of(HOST, PORT, TIMEOUT, TLS, PASSWORD, FROM);

    @Test
    void everyMissingOrInvalidKeyIsReportedAtOnceInSpecOrder() {
        CiConfig config = CiConfigTest.isolated()
                .environment(Map.of("CIKIT_EMAIL_SMTP_PORT", "five-eight-seven", "CIKIT_EMAIL_TIMEOUT", "soon",
                        "CIKIT_EMAIL_STARTTLS", "yes"))
                .build();

        assertThatThrownBy(() -> config.validate(EMAIL))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).containsExactly(
                        "`cikit.email.smtp-host` / `CIKIT_EMAIL_SMTP_HOST` is required but not set",
                        "`cikit.email.smtp-port` / `CIKIT_EMAIL_SMTP_PORT`: `five-eight-seven` is not an integer",
                        "`cikit.email.timeout` / `CIKIT_EMAIL_TIMEOUT`: `soon` is not a duration (250ms, 30s, 5m, 4h, 2d,"
                                + " PT30S, or a whole number of seconds)",
                        "`cikit.email.password` / `CIKIT_EMAIL_PASSWORD` is required but not set"))
                .hasMessageStartingWith("4 configuration problems: ");
    }

    @Test
    void aValidConfigurationPassesAndDefaultsFillTheGaps() {
        CiConfig config = CiConfigTest.isolated()
                .environment(Map.of("NOTIFICATION__EMAIL_SMTP_HOST", "smtp.example.org", "CIKIT_EMAIL_PASSWORD", "pw"))
                .build();

        config.validate(EMAIL);

        assertThat(config.require(HOST)).isEqualTo("smtp.example.org");
        assertThat(config.require(PORT)).isEqualTo(587);
        assertThat(config.value(TIMEOUT)).isEmpty();
        assertThat(config.require(TLS)).isTrue();
        assertThat(config.require(PASSWORD).matches("pw")).isTrue();
    }

    @Test
    void anInvalidSecretIsReportedWithoutItsValue() {
        ConfigKey<Integer> pin = ConfigKey.integer("cikit.lab.pin").secret();
        CiConfig config = CiConfigTest.isolated().set("cikit.lab.pin", "12a4-hunter2").build();

        assertThatThrownBy(() -> config.validate(ConfigSpec.of(pin)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("`cikit.lab.pin` / `CIKIT_LAB_PIN`: the value (hidden) is not an integer");
    }

    @Test
    void aProviderValidatesItsPrefixViewAndProblemsNameTheFullKey() {
        ProviderConfig slack = CiConfigTest.isolated().set("cikit.slack.timeout", "later").build().forPrefix("cikit.slack");
        ConfigSpec spec = ConfigSpec.of(ConfigKey.uri("webhook-url").required(), ConfigKey.duration("timeout"));

        assertThatThrownBy(() -> slack.validate(spec))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).containsExactly(
                        "`cikit.slack.webhook-url` / `CIKIT_SLACK_WEBHOOK_URL` is required but not set",
                        "`cikit.slack.timeout` / `CIKIT_SLACK_TIMEOUT`: `later` is not a duration (250ms, 30s, 5m, 4h,"
                                + " 2d, PT30S, or a whole number of seconds)"));
    }

    @Test
    void aRequiredKeyCannotHaveADefaultNorADefaultedKeyBeRequired() {
        assertThatThrownBy(() -> ConfigKey.integer("a").required().withDefault(1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ConfigKey.integer("a").withDefault(1).required()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSpecRejectsTwoSpellingsOfOneKey() {
        assertThatThrownBy(() -> ConfigSpec.of(ConfigKey.string("cikit.a-b"), ConfigKey.integer("CIKIT_A_B")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CIKIT_A_B");
    }

    @Test
    void specsCombineInOrder() {
        ConfigSpec both = ConfigSpec.of(HOST).and(ConfigSpec.of(PORT));

        assertThat(both.keys()).containsExactly(HOST, PORT);
        assertThatThrownBy(() -> both.and(ConfigSpec.of(HOST))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysDescribeThemselvesWithoutTheirDefaults() {
        assertThat(ConfigKey.string("cikit.email.password").withDefault("changeme").toString())
                .isEqualTo("ConfigKey[cikit.email.password, a string, has default, secret]");
        assertThat(PORT.isSecret()).isFalse();
        assertThat(PASSWORD.isSecret()).isTrue();
        assertThat(PORT.defaultValue()).contains(587);
        assertThat(HOST.isRequired()).isTrue();
        assertThat(PORT.typeName()).isEqualTo("an integer");
    }
}
