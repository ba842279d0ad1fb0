package io.cikit.core.artifact;

import io.cikit.core.config.ProviderConfig;

/**
 * SPI: makes the {@link ArtifactFetcher} of one CI system from configuration. Registered with {@code ServiceLoader}
 * (both {@code META-INF/services} and {@code module-info} {@code provides}); found through
 * {@link io.cikit.core.spi.Providers}, or by system name through {@link io.cikit.core.build.BuildSystems}.
 *
 * <p>Implementations have a cheap public no-arg constructor; the real work happens in {@link #create}.
 */
public interface ArtifactFetcherProvider {

    /** The CI system's id, e.g. {@code jenkins}; configuration is read from {@code cikit.<system>.*}. */
    String system();

    /**
     * A fetcher configured from {@code config} (a view of {@code cikit.<system>.*}).
     *
     * @throws io.cikit.core.config.ConfigurationException listing every missing or invalid key
     */
    ArtifactFetcher create(ProviderConfig config);
}
