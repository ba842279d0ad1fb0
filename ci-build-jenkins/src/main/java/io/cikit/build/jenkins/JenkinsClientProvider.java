package io.cikit.build.jenkins;

import io.cikit.core.artifact.ArtifactFetcherProvider;
import io.cikit.core.build.BuildTriggerProvider;
import io.cikit.core.config.ProviderConfig;

/**
 * The {@code jenkins} {@link BuildTriggerProvider} and {@link ArtifactFetcherProvider}: makes a {@link JenkinsClient}
 * from {@code cikit.jenkins.*} (see {@link JenkinsClient#from(ProviderConfig)}). Registered with
 * {@code ServiceLoader} for both SPIs; cheap to construct.
 */
public final class JenkinsClientProvider implements BuildTriggerProvider, ArtifactFetcherProvider {

    /** For {@code ServiceLoader}. */
    public JenkinsClientProvider() {
        // the work happens in create
    }

    /** {@value JenkinsPayloadParser#SYSTEM}. */
    @Override
    public String system() {
        return JenkinsPayloadParser.SYSTEM;
    }

    /** {@code cikit.jenkins} (both SPIs default to it; a class implementing both must say so). */
    @Override
    public String configPrefix() {
        return "cikit." + JenkinsPayloadParser.SYSTEM;
    }

    /**
     * A client with its own transport, from a {@code cikit.jenkins} view.
     *
     * @throws io.cikit.core.config.ConfigurationException listing every missing or invalid key
     */
    @Override
    public JenkinsClient create(ProviderConfig config) {
        return JenkinsClient.from(config);
    }
}
