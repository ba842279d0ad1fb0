package io.cikit.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever a secret's text, no toString, description or exception message of the configuration shows it. */
class SecretRedactionPropertyTest {

    @Provide
    Arbitrary<String> secrets() {
        // printable, no surrounding whitespace (values are stripped), long enough not to occur in message text by chance
        return Arbitraries.strings().withCharRange('!', '~').withCharRange('\u00a1', '\u024f').withCharRange('\u4e00', '\u4e2f')
                .ofMinLength(12).ofMaxLength(64);
    }

    @Property(tries = 300)
    void secretsNeverAppearInToStringOrDescriptions(@ForAll("secrets") String secret) {
        Properties props = new Properties();
        props.setProperty("cikit.gitlab.token", secret);
        CiConfig config = CiConfig.builder()
                .set("cikit.webhook.secret", secret + "," + secret)
                .systemProperties(props)
                .environment(Map.of("GITHUB_TOKEN", secret, "CIKIT_SLACK_WEBHOOK_URL", secret))
                .build();

        assertThat(config.toString()).doesNotContain(secret);
        assertThat(config.describe("cikit.github.token")).doesNotContain(secret);
        assertThat(config.describe("cikit.slack.webhook-url")).doesNotContain(secret);
        assertThat(config.forPrefix("cikit.gitlab").describe("token")).doesNotContain(secret);
        assertThat(config.forPrefix("cikit.gitlab").toString()).doesNotContain(secret);
        assertThat(config.secret("cikit.github.token").orElseThrow().toString()).doesNotContain(secret);
        assertThat(config.secrets("cikit.webhook.secret").toString()).doesNotContain(secret);
        assertThat(ProviderConfig.of(Map.of("token", secret)::get).toString()).doesNotContain(secret);
    }

    @Property(tries = 300)
    void secretsNeverAppearInParseErrors(@ForAll("secrets") String secret) {
        CiConfig config = CiConfigTest.isolated()
                .environment(Map.of("GITHUB_TOKEN", secret, "CIKIT_LAB_PIN", secret, "CIKIT_TEAMS_WEBHOOK_URL", secret,
                        "CIKIT_EMAIL_PASSWORD", secret))
                .build();

        for (Runnable read : new Runnable[] {
            () -> config.integer("cikit.github.token"),
            () -> config.duration("cikit.github.token"),
            () -> config.bool("cikit.teams.webhook-url"),
            () -> config.forPrefix("cikit.email").longValue("password"),
            () -> config.value(ConfigKey.integer("cikit.lab.pin").secret()),
            () -> config.value(ConfigKey.of("cikit.lab.pin", "never", s -> {
                throw new IllegalArgumentException("bad " + s);
            }).secret()),
        }) {
            ConfigurationException e = catchThrowableOfType(ConfigurationException.class, read::run);
            if (e != null) {
                assertThat(e.getMessage()).doesNotContain(secret);
                assertThat(e.problems()).noneMatch(p -> p.contains(secret));
            }
        }
        ConfigurationException all = catchThrowableOfType(ConfigurationException.class, () -> config.validate(ConfigSpec.of(
                ConfigKey.integer("cikit.github.token"), ConfigKey.uri("cikit.lab.pin").secret(),
                ConfigKey.duration("cikit.email.password"))));
        if (all != null) {
            assertThat(all.getMessage()).doesNotContain(secret);
        }
    }

    @Property(tries = 200)
    void secretsNeverAppearInAmbiguityErrors(@ForAll("secrets") String secret) {
        Map<String, String> env = new HashMap<>();
        env.put("CIKIT_GITLAB_TOKEN", secret);
        env.put("cikit_gitlab_token", secret + "2");
        env.put("GITHUB_TOKEN", secret + "3");
        env.put("github_token", secret + "4");

        ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                () -> CiConfigTest.isolated().environment(env).build());

        assertThat(e).isNotNull();
        assertThat(e.problems()).hasSize(2);
        assertThat(e.getMessage()).doesNotContain(secret);
    }
}
