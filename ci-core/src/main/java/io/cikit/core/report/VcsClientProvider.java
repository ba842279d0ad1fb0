package io.cikit.core.report;

import io.cikit.core.config.ProviderConfig;

/**
 * SPI: makes the {@link VcsClient} of one provider. Registered with {@code ServiceLoader} (both
 * {@code META-INF/services} and {@code module-info} {@code provides}); found through
 * {@link io.cikit.core.spi.Providers}.
 *
 * <p>Implementations have a cheap public no-arg constructor; the real work happens in {@link #create}.
 */
public interface VcsClientProvider {

    /** The provider's name, e.g. {@code github}; configuration is read from {@code cikit.<name>.*}. */
    String name();

    /**
     * A client configured from {@code config} (a view of {@code cikit.<name>.*}).
     *
     * @throws io.cikit.core.config.ConfigurationException listing every missing or invalid key
     */
    VcsClient create(ProviderConfig config);
}
