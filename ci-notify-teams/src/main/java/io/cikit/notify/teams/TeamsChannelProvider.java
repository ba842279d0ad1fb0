package io.cikit.notify.teams;

import io.cikit.core.config.ConfigKey;
import io.cikit.core.config.ConfigSpec;
import io.cikit.core.config.ConfigurationException;
import io.cikit.core.config.ProviderConfig;
import io.cikit.core.notify.NotificationChannelProvider;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Creates the {@code teams} channel from {@code cikit.teams.webhook-url} (also read from the older
 * {@code MSTEAMS_WEBHOOK_URL}) and {@code cikit.teams.format} ({@code adaptive}, the default, or
 * {@code messagecard}). Registered with {@code ServiceLoader}.
 */
public final class TeamsChannelProvider implements NotificationChannelProvider {
    private static final ConfigKey<URI> WEBHOOK = ConfigKey.uri("webhook-url").required();

    /** For {@code ServiceLoader}; does nothing. */
    public TeamsChannelProvider() {
    }

    @Override
    public String name() {
        return "teams";
    }

    /**
     * Creates the channel from a {@code cikit.teams} view.
     *
     * @throws ConfigurationException naming every missing or invalid key at once
     */
    @Override
    public TeamsChannel create(ProviderConfig teams) {
        List<String> problems = new ArrayList<>();
        try {
            teams.validate(ConfigSpec.of(WEBHOOK));
        } catch (ConfigurationException e) {
            problems.addAll(e.problems());
        }
        Optional<String> formatText = teams.get("format");
        Optional<TeamsFormat> format = formatText.isEmpty() ? Optional.of(TeamsFormat.ADAPTIVE) : TeamsFormat.parse(formatText.get());
        if (format.isEmpty()) {
            problems.add("`" + teams.keyName("format") + "`: `" + formatText.orElseThrow()
                    + "` is not a Teams format (adaptive, messagecard)");
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return TeamsChannel.builder().webhook(teams.require(WEBHOOK)).format(format.orElseThrow()).build();
    }
}
