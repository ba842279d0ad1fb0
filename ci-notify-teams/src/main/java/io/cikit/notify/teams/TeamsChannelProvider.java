package io.cikit.notify.teams;

import io.cikit.core.config.ConfigKey;
import io.cikit.core.config.ConfigurationException;
import io.cikit.core.config.ProviderConfig;
import io.cikit.core.notify.NotificationChannel;
import io.cikit.core.notify.NotificationChannelProvider;
import java.net.URI;
import java.util.Optional;
import java.util.function.Function;

/**
 * Creates the {@code teams} channel from {@code cikit.teams.webhook-url} and {@code cikit.teams.format}
 * ({@code adaptive}, the default, or {@code messagecard}). Registered with {@code ServiceLoader}.
 */
public final class TeamsChannelProvider implements NotificationChannelProvider {

    /** For {@code ServiceLoader}; does nothing. */
    public TeamsChannelProvider() {
    }

    @Override
    public String name() {
        return "teams";
    }

    /** @param config full-key lookup ({@code cikit.teams.webhook-url}), as the dispatcher passes it */
    @Override
    public NotificationChannel create(Function<String, Optional<String>> config) {
        ProviderConfig all = config::apply;
        return fromConfig(all.forPrefix("cikit.teams"));
    }

    /**
     * Creates the channel from a {@code cikit.teams} view.
     *
     * @throws ConfigurationException naming each missing or invalid key
     */
    public TeamsChannel fromConfig(ProviderConfig teams) {
        URI webhook = teams.require(ConfigKey.uri("webhook-url"));
        TeamsFormat format = teams.get("format").map(text -> TeamsFormat.parse(text).orElseThrow(() ->
                new ConfigurationException("`" + teams.keyName("format") + "`: `" + text
                        + "` is not a Teams format (adaptive, messagecard)"))).orElse(TeamsFormat.ADAPTIVE);
        return TeamsChannel.builder().webhook(webhook).format(format).build();
    }
}
