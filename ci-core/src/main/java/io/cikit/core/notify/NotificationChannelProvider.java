package io.cikit.core.notify;

import io.cikit.core.config.ProviderConfig;

/**
 * SPI factory for a {@link NotificationChannel}, found with {@code ServiceLoader} (register it in
 * {@code META-INF/services/io.cikit.core.notify.NotificationChannelProvider} and in {@code module-info} with
 * {@code provides … with …}). The constructor must be cheap and side-effect free; the real work happens in
 * {@link #create}.
 *
 * <p>Configuration arrives as a {@link ProviderConfig} view of {@code cikit.<name>.*}: the {@code slack} provider
 * reads {@code config.get("webhook-url")} and gets {@code cikit.slack.webhook-url}, whichever source set it
 * ({@code -Dcikit.slack.webhook-url}, {@code CIKIT_SLACK_WEBHOOK_URL}, an older alias such as
 * {@code SLACK_WEBHOOK_URL}, a properties file). Messages name keys in full through
 * {@link ProviderConfig#keyName(String)}. The {@link NotificationDispatcher} makes the view with
 * {@code config.forPrefix("cikit." + name)}; a host wiring by hand does the same.
 */
public interface NotificationChannelProvider {

    /** The channel name this provider creates ({@code "slack"}); matched case-insensitively. */
    String name();

    /**
     * Creates the channel from configuration.
     *
     * @param config a view of {@code cikit.<name>.*}: {@code config.get("webhook-url")} reads
     *     {@code cikit.<name>.webhook-url}
     * @throws io.cikit.core.config.ConfigurationException naming every missing or invalid key at once
     */
    NotificationChannel create(ProviderConfig config);
}
