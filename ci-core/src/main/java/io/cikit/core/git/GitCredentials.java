package io.cikit.core.git;

import io.cikit.core.config.Secret;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link GitWorkspaces} authenticates to remote repositories: nothing, a token over HTTPS, or a private key
 * over SSH. A token is sent only to {@code http(s)} remotes and a key is used only for {@code ssh} remotes; the other
 * kind of remote is contacted without credentials.
 */
public sealed interface GitCredentials permits GitCredentials.None, GitCredentials.Token, GitCredentials.SshKey {

    /** Anonymous access (public repositories, local mirrors). */
    static GitCredentials none() {
        return None.INSTANCE;
    }

    /**
     * A token sent as the password of HTTP basic authentication with the user {@code x-access-token}, which GitHub
     * (personal and App installation tokens) accepts. For GitLab use {@link #token(String, Secret)} with
     * {@code oauth2}.
     */
    static GitCredentials token(Secret token) {
        return new Token(Token.DEFAULT_USER, token);
    }

    /** A token sent as the password of HTTP basic authentication with the given user name. */
    static GitCredentials token(String username, Secret token) {
        return new Token(username, token);
    }

    /**
     * An SSH private key (OpenSSH or PEM format, unencrypted), checking the server against {@code knownHosts}
     * strictly: a host not listed there is refused. See {@link SshKey} for a passphrase and trust on first use.
     */
    static SshKey sshKey(Path privateKey, Path knownHosts) {
        return new SshKey(privateKey, Optional.empty(), knownHosts, false);
    }

    /** No credentials. */
    final class None implements GitCredentials {
        static final None INSTANCE = new None();

        private None() {
        }

        @Override
        public String toString() {
            return "GitCredentials.none()";
        }
    }

    /** A token for HTTPS basic authentication; {@code toString()} does not show it. */
    record Token(String username, Secret token) implements GitCredentials {
        /** The user name GitHub expects beside an access token. */
        public static final String DEFAULT_USER = "x-access-token";

        public Token {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(token, "token");
            if (username.isBlank()) {
                throw new IllegalArgumentException("a token's user name must not be blank");
            }
        }
    }

    /**
     * An SSH private key and the {@code known_hosts} file that server host keys are checked against. The user
     * name comes from the URL ({@code git@github.com:o/r.git}). Nothing from {@code ~/.ssh} is read: no config
     * file, no default keys, no agent.
     *
     * @param passphrase the key's passphrase when the key file is encrypted
     * @param acceptNewHosts trust on first use: a host missing from {@code knownHosts} is accepted and appended to
     *     it (OpenSSH's {@code StrictHostKeyChecking=accept-new}); a host listed with another key is still refused
     */
    record SshKey(Path privateKey, Optional<Secret> passphrase, Path knownHosts, boolean acceptNewHosts)
            implements GitCredentials {
        public SshKey {
            Objects.requireNonNull(privateKey, "privateKey");
            Objects.requireNonNull(passphrase, "passphrase");
            Objects.requireNonNull(knownHosts, "knownHosts");
        }

        /** This key, decrypted with {@code passphrase}. */
        public SshKey withPassphrase(Secret passphrase) {
            return new SshKey(privateKey, Optional.of(passphrase), knownHosts, acceptNewHosts);
        }

        /** This key, accepting (and recording) hosts missing from the known-hosts file. */
        public SshKey acceptingNewHosts() {
            return new SshKey(privateKey, passphrase, knownHosts, true);
        }
    }
}
