package io.cikit.vcs.github.internal;

import io.cikit.core.DeliveryException;
import io.cikit.core.config.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * The RS256 JSON Web Token a GitHub App signs to ask for installation tokens: {@code iss} = app id, {@code iat} 60 s
 * in the past (clock drift), {@code exp} {@value #LIFETIME_SECONDS} s after {@code iat}, within GitHub's 10 minutes.
 * Immutable and thread-safe.
 */
public final class AppJwt {
    /** Seconds {@code iat} is set back, as GitHub recommends against clock drift. */
    public static final long BACKDATE_SECONDS = 60;
    /** {@code exp − iat}: GitHub refuses more than 10 minutes. */
    public static final long LIFETIME_SECONDS = 600;

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = URL.encodeToString(
            "{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    private final String appId;
    private final RSAPrivateKey key;

    public AppJwt(String appId, RSAPrivateKey key) {
        this.appId = Objects.requireNonNull(appId, "appId");
        this.key = Objects.requireNonNull(key, "key");
        if (!appId.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("a GitHub App id (or client id) is 1-64 letters, digits, '.', '_' or '-'");
        }
    }

    /** A token valid from {@code now − 60 s} to {@code now + 9 min}. */
    public Secret sign(Instant now) {
        long iat = now.getEpochSecond() - BACKDATE_SECONDS;
        long exp = iat + LIFETIME_SECONDS;
        String claims = "{\"iat\":" + iat + ",\"exp\":" + exp + ",\"iss\":\"" + appId + "\"}";
        String signingInput = HEADER + "." + URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return Secret.of(signingInput + "." + URL.encodeToString(rsa.sign()));
        } catch (GeneralSecurityException e) {
            throw new DeliveryException("cannot sign the GitHub App JWT: " + e.getClass().getSimpleName(), false, e);
        }
    }

    /** How long a signed token stays usable from {@code now}. */
    public static Duration usableFor() {
        return Duration.ofSeconds(LIFETIME_SECONDS - BACKDATE_SECONDS);
    }
}
