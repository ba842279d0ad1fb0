package io.cikit.notify.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cikit.core.config.CiConfig;
import io.cikit.core.config.ConfigurationException;
import io.cikit.core.notify.NotificationChannel;
import io.cikit.core.notify.NotificationChannelProvider;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class EmailChannelProviderTest {

    @Test
    void serviceLoaderFindsTheEmailProvider() {
        assertThat(ServiceLoader.load(NotificationChannelProvider.class).stream().map(p -> p.get().name())).contains("email");
    }

    @Test
    void settingsMakeAChannelWithTheTlsModesUsualPort() {
        NotificationChannel ch = create(Map.of("cikit.email.smtp-host", "smtp.lab.example", "cikit.email.from", "ci@lab.example",
                "cikit.email.tls", "smtps"));

        assertThat(ch.toString()).isEqualTo("EmailChannel[smtp.lab.example:465, smtps]");
    }

    @Test
    void everyProblemIsReportedAtOnceWithoutThePassword() {
        assertThatThrownBy(() -> create(Map.of())).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("cikit.email.smtp-host").hasMessageContaining("cikit.email.from");
        assertThatThrownBy(() -> create(Map.of("cikit.email.smtp-host", "h", "cikit.email.from", "ci@lab.example",
                "cikit.email.tls", "ssl3", "cikit.email.password", "hunter2")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("cikit.email.tls")
                .hasMessageContaining("cikit.email.username").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> create(Map.of("cikit.email.smtp-host", "h", "cikit.email.from", "not an address")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("cikit.email.from");
    }

    @Test
    void missingInvalidAndMismatchedKeysAreAllNamedInOneException() {
        assertThatThrownBy(() -> create(Map.of("cikit.email.smtp-port", "smtp", "cikit.email.tls", "ssl3",
                "cikit.email.username", "ci", "cikit.email.to", "nobody")))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).hasSize(6)
                        .anySatisfy(p -> assertThat(p).contains("cikit.email.smtp-host"))
                        .anySatisfy(p -> assertThat(p).contains("cikit.email.from"))
                        .anySatisfy(p -> assertThat(p).contains("cikit.email.smtp-port"))
                        .anySatisfy(p -> assertThat(p).contains("cikit.email.tls"))
                        .anySatisfy(p -> assertThat(p).contains("cikit.email.password"))
                        .anySatisfy(p -> assertThat(p).contains("cikit.email.to")));
    }

    @Test
    void theOlderEnvironmentNamesStillConfigureTheChannel() {
        CiConfig env = CiConfig.builder().systemProperties(new Properties()).environment(Map.of(
                "NOTIFICATION__EMAIL_SMTP_HOST", "smtp.lab.example", "NOTIFICATION__EMAIL_SMTP_PORT", "2525",
                "NOTIFICATION__EMAIL_FROM", "ci@lab.example")).build();

        assertThat(new EmailChannelProvider().create(env.forPrefix("cikit.email")).toString())
                .isEqualTo("EmailChannel[smtp.lab.example:2525, starttls]");
    }

    /** As the dispatcher calls it: a view of {@code cikit.email.*} over the whole configuration. */
    private static NotificationChannel create(Map<String, String> values) {
        CiConfig.Builder b = CiConfig.builder().systemProperties(new Properties()).environment(Map.of());
        values.forEach(b::set);
        return new EmailChannelProvider().create(b.build().forPrefix("cikit.email"));
    }
}
