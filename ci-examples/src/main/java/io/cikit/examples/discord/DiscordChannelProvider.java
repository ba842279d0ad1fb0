package io.cikit.examples.discord;

import io.cikit.core.config.ConfigKey;
import io.cikit.core.config.ConfigSpec;
import io.cikit.core.config.ConfigurationException;
import io.cikit.core.config.ProviderConfig;
import io.cikit.core.notify.NotificationChannelProvider;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Creates the {@code discord} channel from {@code cikit.discord.*}: {@code webhook-url} (required),
 * {@code username}, {@code timeout}. Registered with {@code ServiceLoader} in
 * {@code META-INF/services/io.cikit.core.notify.NotificationChannelProvider}.
 */
public final class DiscordChannelProvider implements NotificationChannelProvider {
    private static final ConfigKey<URI> WEBHOOK = ConfigKey.uri("webhook-url").required();
    private static final ConfigKey<String> USERNAME = ConfigKey.string("username");
    private static final ConfigKey<Duration> TIMEOUT = ConfigKey.duration("timeout");

    /** For {@code ServiceLoader}: cheap, does nothing. */
    public DiscordChannelProvider() {
    }

    @Override
    public String name() {
        return "discord";
    }

    /**
     * The channel, from a view of {@code cikit.discord.*}.
     *
     * @throws ConfigurationException naming every missing or invalid key at once
     */
    @Override
    public DiscordChannel create(ProviderConfig config) {
        List<String> problems = new ArrayList<>();
        try {
            config.validate(ConfigSpec.of(WEBHOOK, USERNAME, TIMEOUT));
        } catch (ConfigurationException e) {
            problems.addAll(e.problems());
        }
        DiscordChannel.Builder b = DiscordChannel.builder();
        set(config, WEBHOOK, b::webhook, "must be an http(s) URL", problems);
        set(config, USERNAME, b::username, "must have 1 to 80 characters", problems);
        set(config, TIMEOUT, b::timeout, "must be positive", problems);
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return b.build();
    }

    private static <T> void set(ProviderConfig config, ConfigKey<T> key, Consumer<T> setter, String refusal,
            List<String> problems) {
        Optional<T> value;
        try {
            value = config.value(key);
        } catch (ConfigurationException e) {
            return; // validate() has reported it
        }
        try {
            value.ifPresent(setter);
        } catch (IllegalArgumentException e) {
            problems.add("`" + config.keyName(key.name()) + "` " + refusal);
        }
    }
}
