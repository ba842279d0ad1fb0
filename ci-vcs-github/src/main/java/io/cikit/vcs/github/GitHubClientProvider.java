package io.cikit.vcs.github;

import io.cikit.core.config.ProviderConfig;
import io.cikit.core.report.VcsClient;
import io.cikit.core.report.VcsClientProvider;

/**
 * The {@code github} {@link VcsClientProvider}: makes a {@link GitHubClient} from {@code cikit.github.*} (see
 * {@link GitHubClient#fromConfig(ProviderConfig)}). Registered with {@code ServiceLoader}; cheap to construct.
 */
public final class GitHubClientProvider implements VcsClientProvider {
    /** The provider's name, also the configuration prefix {@code cikit.github}. */
    public static final String NAME = "github";

    /** For {@code ServiceLoader}. */
    public GitHubClientProvider() {
        // the work happens in create
    }

    @Override
    public String name() {
        return NAME;
    }

    /** @throws io.cikit.core.config.ConfigurationException listing every missing or invalid key */
    @Override
    public VcsClient create(ProviderConfig config) {
        return GitHubClient.fromConfig(config);
    }
}
