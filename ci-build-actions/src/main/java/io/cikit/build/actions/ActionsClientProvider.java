package io.cikit.build.actions;

import io.cikit.core.artifact.ArtifactFetcherProvider;
import io.cikit.core.build.BuildTriggerProvider;
import io.cikit.core.config.ProviderConfig;

/**
 * The {@code actions} {@link BuildTriggerProvider} and {@link ArtifactFetcherProvider}: makes an {@link ActionsClient}
 * from {@code cikit.github.*} (see {@link ActionsClient#from(ProviderConfig)}). Actions is GitHub's API: the client
 * shares the GitHub client's {@code token} (alias {@code GITHUB_TOKEN}) and {@code api-url}, beside its own
 * {@code repository}, {@code max-artifact-bytes} and transport keys. Registered with {@code ServiceLoader} for both
 * SPIs; cheap to construct.
 */
public final class ActionsClientProvider implements BuildTriggerProvider, ArtifactFetcherProvider {

    /** For {@code ServiceLoader}. */
    public ActionsClientProvider() {
        // the work happens in create
    }

    /** {@value ActionsPayloadParser#SYSTEM}. */
    @Override
    public String system() {
        return ActionsPayloadParser.SYSTEM;
    }

    /** {@code cikit.github}: the settings are shared with the GitHub client. */
    @Override
    public String configPrefix() {
        return "cikit.github";
    }

    /**
     * A client with its own transport, from a {@code cikit.github} view.
     *
     * @throws io.cikit.core.config.ConfigurationException listing every missing or invalid key
     */
    @Override
    public ActionsClient create(ProviderConfig config) {
        return ActionsClient.from(config);
    }
}
