package io.cikit.notify.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cikit.core.config.ConfigurationException;
import io.cikit.core.notify.NotificationChannel;
import io.cikit.core.notify.NotificationChannelProvider;
import java.util.Map;
import java.util.Optional;
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

    private static NotificationChannel create(Map<String, String> values) {
        return new EmailChannelProvider().create(key -> Optional.ofNullable(values.get(key)));
    }
}
