package io.cikit.vcs.github;

import io.cikit.core.config.ConfigKey;
import io.cikit.core.config.ConfigSpec;
import io.cikit.core.config.ConfigurationException;
import io.cikit.core.config.ProviderConfig;
import io.cikit.core.config.Secret;
import io.cikit.vcs.github.internal.PemKeys;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code cikit.github.*} keys: {@code token}, {@code api-url}, {@code app-id}, {@code app-private-key} (PEM
 * text, with real or {@code \n}-escaped line breaks, or a file path) and {@code installation-id}. With
 * {@code app-id} set, the App's three keys are required and {@code token} is not used.
 */
record GitHubSettings(URI apiUrl, Optional<Secret> token, Optional<AppSettings> app) {
    static final ConfigKey<Secret> TOKEN = ConfigKey.secretValue("token");
    static final ConfigKey<URI> API_URL = ConfigKey.uri("api-url").withDefault(GitHubClient.PUBLIC_API);
    static final ConfigKey<String> APP_ID = ConfigKey.string("app-id");
    static final ConfigKey<Secret> APP_PRIVATE_KEY = ConfigKey.secretValue("app-private-key");
    static final ConfigKey<String> INSTALLATION_ID = ConfigKey.string("installation-id");
    static final ConfigSpec SPEC = ConfigSpec.of(TOKEN, API_URL, APP_ID, APP_PRIVATE_KEY, INSTALLATION_ID);

    private static final long MAX_KEY_FILE_BYTES = 64 * 1024;

    record AppSettings(String appId, String privateKeyPem, String installationId) {
    }

    /** @throws ConfigurationException listing every missing or invalid key */
    static GitHubSettings read(ProviderConfig config) {
        config.validate(SPEC);
        List<String> problems = new ArrayList<>();
        URI apiUrl = config.require(API_URL);
        try {
            GitHubApi.checkedBase(apiUrl);
        } catch (IllegalArgumentException e) {
            problems.add(quoted(config, "api-url") + ": " + e.getMessage());
        }
        Optional<String> appId = config.value(APP_ID);
        Optional<Secret> token = config.value(TOKEN);
        Optional<AppSettings> app = Optional.empty();
        if (appId.isPresent()) {
            Optional<Secret> key = config.value(APP_PRIVATE_KEY);
            Optional<String> installation = config.value(INSTALLATION_ID);
            if (!appId.get().matches("[A-Za-z0-9._-]{1,64}")) {
                problems.add(quoted(config, "app-id") + ": not an app id or client id");
            }
            if (key.isEmpty()) {
                problems.add(quoted(config, "app-private-key") + " is required with " + quoted(config, "app-id"));
            }
            if (installation.isEmpty()) {
                problems.add(quoted(config, "installation-id") + " is required with " + quoted(config, "app-id"));
            } else if (!installation.get().matches("\\d{1,20}")) {
                problems.add(quoted(config, "installation-id") + ": `" + installation.get() + "` is not a number");
            }
            String keyName = quoted(config, "app-private-key");
            Optional<String> pem = key.flatMap(k -> pem(k, keyName, problems));
            try {
                pem.ifPresent(text -> PemKeys.rsaPrivateKey(text, keyName));
            } catch (ConfigurationException e) {
                problems.addAll(e.problems());
            }
            if (problems.isEmpty() && pem.isPresent() && installation.isPresent()) {
                app = Optional.of(new AppSettings(appId.get(), pem.get(), installation.get()));
            }
        } else if (token.isEmpty()) {
            problems.add("GitHub credentials are missing: set " + quoted(config, "token") + ", or "
                    + quoted(config, "app-id") + " with " + quoted(config, "app-private-key") + " and "
                    + quoted(config, "installation-id"));
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return new GitHubSettings(apiUrl, app.isPresent() ? Optional.empty() : token, app);
    }

    GitHubClient.Builder applyTo(GitHubClient.Builder builder) {
        builder.apiUrl(apiUrl);
        if (app.isPresent()) {
            AppSettings a = app.get();
            builder.app(a.appId(), a.privateKeyPem(), a.installationId());
        } else {
            token.ifPresent(builder::token);
        }
        return builder;
    }

    private static String quoted(ProviderConfig config, String key) {
        return "`" + config.keyName(key) + "`";
    }

    /** The PEM text itself, or the content of the file the value names. */
    private static Optional<String> pem(Secret value, String keyName, List<String> problems) {
        String text = value.reveal();
        if (text.contains("-----BEGIN")) {
            // environment variables often carry the key's line breaks as literal \n
            return Optional.of(text.contains("\n") ? text : text.replace("\\n", "\n"));
        }
        Path file;
        try {
            file = Path.of(text);
        } catch (InvalidPathException e) {
            problems.add(keyName + ": neither PEM text nor a file path");
            return Optional.empty();
        }
        try {
            if (!Files.isRegularFile(file)) {
                // the value may be a mangled key: never echo it
                problems.add(keyName + ": is neither PEM text nor the path of an existing file");
                return Optional.empty();
            }
            if (Files.size(file) > MAX_KEY_FILE_BYTES) {
                problems.add(keyName + ": the key file is over " + MAX_KEY_FILE_BYTES + " bytes");
                return Optional.empty();
            }
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            problems.add(keyName + ": the key file cannot be read: " + e.getClass().getSimpleName());
            return Optional.empty();
        }
    }
}
