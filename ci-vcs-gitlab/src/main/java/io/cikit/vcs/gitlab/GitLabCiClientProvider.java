package io.cikit.vcs.gitlab;

import io.cikit.core.artifact.ArtifactFetcherProvider;
import io.cikit.core.build.BuildTriggerProvider;
import io.cikit.core.config.ProviderConfig;

/**
 * The {@code gitlab-ci} {@link BuildTriggerProvider} and {@link ArtifactFetcherProvider}: makes a
 * {@link GitLabCiClient} from {@code cikit.gitlab.*}, the settings it shares with the {@code gitlab} VCS client (see
 * {@link GitLabCiClient#fromConfig(ProviderConfig)}). Registered with {@code ServiceLoader} for both SPIs; cheap to
 * construct.
 */
public final class GitLabCiClientProvider implements BuildTriggerProvider, ArtifactFetcherProvider {

    /** For {@code ServiceLoader}. */
    public GitLabCiClientProvider() {
        // the work happens in create
    }

    /** {@value GitLabCiClient#SYSTEM}. */
    @Override
    public String system() {
        return GitLabCiClient.SYSTEM;
    }

    /** {@code cikit.gitlab}: one instance, one token for the VCS client and GitLab CI. */
    @Override
    public String configPrefix() {
        return "cikit.gitlab";
    }

    /** @throws io.cikit.core.config.ConfigurationException listing every key that cannot be used */
    @Override
    public GitLabCiClient create(ProviderConfig config) {
        return GitLabCiClient.fromConfig(config);
    }
}
