package io.cikit.vcs.gitlab;

import io.cikit.core.config.ProviderConfig;
import io.cikit.core.report.VcsClientProvider;

/**
 * The {@code gitlab} {@link VcsClientProvider}: makes a {@link GitLabClient} from {@code cikit.gitlab.*} (see
 * {@link GitLabClient#fromConfig(ProviderConfig)}). Registered with {@code ServiceLoader}; cheap to construct.
 */
public final class GitLabClientProvider implements VcsClientProvider {
    /** The provider's name, also the configuration prefix {@code cikit.gitlab}. */
    public static final String NAME = "gitlab";

    /** For {@code ServiceLoader}. */
    public GitLabClientProvider() {
        // the work happens in create
    }

    @Override
    public String name() {
        return NAME;
    }

    /** @throws io.cikit.core.config.ConfigurationException listing every key that cannot be used */
    @Override
    public GitLabClient create(ProviderConfig config) {
        return GitLabClient.fromConfig(config);
    }
}
