package io.cikit.vcs.gitlab;

import io.cikit.core.config.ConfigKey;
import io.cikit.core.config.ConfigSpec;
import io.cikit.core.config.ConfigurationException;
import io.cikit.core.config.ProviderConfig;
import io.cikit.core.config.Secret;
import io.cikit.core.http.HttpSettings;
import io.cikit.vcs.gitlab.internal.ApiPaths;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code cikit.gitlab.*} keys, shared by the {@code gitlab} VCS client and the {@code gitlab-ci} trigger and
 * fetcher: {@code base-url}, {@code token}, {@code token-type}, {@code trigger-token} and the transport keys of
 * {@link HttpSettings}. Read and checked in one pass, so every problem is reported at once; secrets never appear in
 * messages.
 */
record GitLabSettings(URI baseUrl, GitLabAuth auth, Optional<Secret> triggerToken, HttpSettings http) {
    static final ConfigKey<URI> BASE_URL = ConfigKey.uri("base-url").withDefault(GitLabClient.GITLAB_COM);
    static final ConfigKey<Secret> TOKEN = ConfigKey.secretValue("token");
    static final ConfigKey<String> TOKEN_TYPE = ConfigKey.of("token-type", "one of private, oauth, job",
            GitLabSettings::tokenType);
    static final ConfigKey<Secret> TRIGGER_TOKEN = ConfigKey.secretValue("trigger-token");
    static final ConfigSpec SPEC = ConfigSpec.of(BASE_URL, TOKEN, TOKEN_TYPE, TRIGGER_TOKEN);

    private static final Secret PROBE = Secret.of("probe");

    /** @throws ConfigurationException listing every invalid key */
    static GitLabSettings read(ProviderConfig config) {
        List<String> problems = new ArrayList<>();
        HttpSettings http = HttpSettings.defaults();
        try {
            http = HttpSettings.read(config, SPEC);
        } catch (ConfigurationException e) {
            problems.addAll(e.problems());
        }
        URI base = GitLabClient.GITLAB_COM;
        try {
            base = config.require(BASE_URL);
            ApiPaths.apiRoot(base);
        } catch (ConfigurationException e) {
            // reported by the validation above
        } catch (IllegalArgumentException e) {
            problems.add("`" + config.keyName(BASE_URL.name()) + "`: " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        Optional<Secret> token = config.value(TOKEN);
        String type = config.value(TOKEN_TYPE).orElse("private");
        GitLabAuth auth = token.map(t -> GitLabAuth.of(type, t)).orElse(GitLabAuth.none());
        return new GitLabSettings(base, auth, config.value(TRIGGER_TOKEN), http);
    }

    /** A client builder with the instance and credentials; the caller adds the transport. */
    GitLabClient.Builder builder() {
        return GitLabClient.builder().baseUrl(baseUrl).auth(auth);
    }

    private static String tokenType(String text) {
        // GitLabAuth knows the words; a probe token lets it judge the word alone
        GitLabAuth.of(text, PROBE);
        return text;
    }
}
