package io.cikit.build.actions;

import io.cikit.core.artifact.ArtifactFetcherProvider;
import io.cikit.core.build.BuildTriggerProvider;
import io.cikit.core.config.ProviderConfig;

/**
 * The {@code actions} {@link BuildTriggerProvider} and {@link ArtifactFetcherProvider}: makes an {@link ActionsClient}
 * from {@code cikit.actions.*} (see {@link ActionsClient#from(ProviderConfig)}). Registered with
 * {@code ServiceLoader} for both SPIs; cheap to construct.
 *
 * <p>The token is {@code cikit.actions.token} ({@code CIKIT_ACTIONS_TOKEN}); the {@code GITHUB_TOKEN} alias feeds
 * {@code cikit.github.token}, not this key.
 */
public final class ActionsClientProvider implements BuildTriggerProvider, ArtifactFetcherProvider {

    /** For {@code ServiceLoader}. */
    public ActionsClientProvider() {
        // the work happens in create
    }

    /** {@value ActionsPayloadParser#SYSTEM}, also the configuration prefix {@code cikit.actions}. */
    @Override
    public String system() {
        return ActionsPayloadParser.SYSTEM;
    }

    /**
     * A client with its own transport, from a {@code cikit.actions} view.
     *
     * @throws io.cikit.core.config.ConfigurationException listing every missing or invalid key
     */
    @Override
    public ActionsClient create(ProviderConfig config) {
        return ActionsClient.from(config);
    }
}
