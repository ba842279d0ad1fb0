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

    /** The CI system's id, e.g. {@code jenkins}; configuration is read from {@link #configPrefix()}. */
    String system();

    /**
     * Where the configuration {@link #create} receives lives: {@code cikit.<system>} unless the system shares another
     * provider's settings (GitHub Actions reads {@code cikit.github}: the same API, token and {@code GITHUB_TOKEN}
     * alias as the GitHub client; GitLab CI reads {@code cikit.gitlab}). A class that implements both
     * {@code BuildTriggerProvider} and {@code ArtifactFetcherProvider} inherits two defaults and must override it.
     */
    default String configPrefix() {
        return "cikit." + system();
    }

    /**
     * A fetcher configured from {@code config} (a view of {@link #configPrefix()}{@code .*}).
     *
     * @throws io.cikit.core.config.ConfigurationException listing every missing or invalid key
     */
    ArtifactFetcher create(ProviderConfig config);
}
