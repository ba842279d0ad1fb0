package io.cikit.vcs.github;

import io.cikit.core.config.Secret;

/** What a GitHub call is authorised with: a token, or an App installation token fetched and kept fresh. */
interface Credentials {

    /** The bearer token to send now. */
    Secret token();

    /** Drops a cached token after a 401, so the next {@link #token()} fetches a new one; false when nothing can change. */
    default boolean renew() {
        return false;
    }

    static Credentials of(Secret token) {
        return () -> token;
    }
}
