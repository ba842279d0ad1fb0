package io.cikit.vcs.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.cikit.core.DeliveryException;
import io.cikit.core.config.Secret;
import io.cikit.core.json.Json;
import io.cikit.vcs.github.internal.AppJwt;
import io.cikit.vcs.github.internal.ApiPaths;
import io.cikit.vcs.github.internal.GitHubModel;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GitHub App credentials: signs a JWT with the app's key, trades it for an installation token
 * ({@code POST /app/installations/{id}/access_tokens}), keeps that token and fetches a new one
 * {@link #REFRESH_BEFORE} before it expires (GitHub's tokens last an hour).
 *
 * <p>Thread-safe: one caller fetches while the others wait for its token, so a burst of calls makes one fetch.
 */
final class InstallationTokens implements Credentials {
    private static final Logger LOG = LoggerFactory.getLogger(InstallationTokens.class);

    /** How long before its expiry a token is replaced. */
    static final Duration REFRESH_BEFORE = Duration.ofMinutes(5);
    /** Assumed lifetime when GitHub's answer has no readable {@code expires_at}. */
    private static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

    private final GitHubApi api;
    private final AppJwt jwt;
    private final String installationId;
    private @Nullable Secret token;
    private Instant expiresAt = Instant.MIN;

    InstallationTokens(GitHubApi api, AppJwt jwt, String installationId) {
        this.api = api;
        this.jwt = jwt;
        if (!installationId.matches("\\d{1,20}")) {
            throw new IllegalArgumentException("a GitHub App installation id is a number");
        }
        this.installationId = installationId;
    }

    @Override
    public synchronized Secret token() {
        Instant now = api.clock().instant();
        Secret current = token;
        if (current != null && now.isBefore(expiresAt.minus(REFRESH_BEFORE))) {
            return current;
        }
        return fetch(now);
    }

    @Override
    public synchronized boolean renew() {
        token = null;
        expiresAt = Instant.MIN;
        return true;
    }

    private Secret fetch(Instant now) {
        Credentials appCredentials = () -> jwt.sign(api.clock().instant());
        JsonNode reply = api.json("POST", api.uri("app/installations/" + ApiPaths.segment(installationId)
                + "/access_tokens"), Map.of(), "github.app.token", appCredentials);
        String value = Json.nonBlank(reply, "token").orElseThrow(() -> new DeliveryException(
                "GitHub answered the installation-token request without a token", false));
        Optional<Instant> expiry = Json.text(reply, "expires_at").flatMap(GitHubModel::instant);
        Secret fresh = Secret.of(value);
        token = fresh;
        expiresAt = expiry.orElse(now.plus(DEFAULT_LIFETIME));
        LOG.debug("Fetched a GitHub App installation token for installation {}, valid until {}", installationId,
                expiresAt);
        return fresh;
    }
}
