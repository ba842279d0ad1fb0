package io.cikit.core.notify;

import java.util.Optional;
import java.util.function.Function;

/**
 * SPI factory for a {@link NotificationChannel}, found with {@code ServiceLoader} (register it in
 * {@code META-INF/services/io.cikit.core.notify.NotificationChannelProvider} and in {@code module-info} with
 * {@code provides … with …}). The constructor must be cheap and side-effect free; the real work happens in
 * {@link #create}.
 *
 * <p>Configuration arrives as a key lookup ({@code cikit.slack.webhook-url} → value). This is a stand-in for
 * {@code io.cikit.core.config.ProviderConfig}, which will replace the {@code Function} parameter with the same
 * meaning.
 */
public interface NotificationChannelProvider {

    /** The channel name this provider creates ({@code "slack"}); matched case-insensitively. */
    String name();

    /**
     * Creates the channel from configuration.
     *
     * @param config looks up a configuration key; empty when it is not set
     * @throws io.cikit.core.config.ConfigurationException naming every missing or invalid key
     */
    NotificationChannel create(Function<String, Optional<String>> config);
}
