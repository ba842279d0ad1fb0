package io.cikit.core.git;

import io.cikit.core.config.Secret;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.transport.SshConfigStore;
import org.eclipse.jgit.transport.SshConstants;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.sshd.KeyPasswordProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;
import org.jspecify.annotations.Nullable;

/**
 * Builds JGit's Apache MINA sshd session factory for one {@link GitCredentials.SshKey}, with a fixed configuration
 * in place of {@code ~/.ssh}: only the given key, only the given known-hosts file, no agent, no prompts.
 */
final class SshSessions {
    private SshSessions() {
    }

    static SshdSessionFactory factory(GitCredentials.SshKey key, Path home) {
        Path privateKey = key.privateKey().toAbsolutePath();
        Path knownHosts = key.knownHosts().toAbsolutePath();
        if (key.acceptNewHosts()) {
            createIfMissing(knownHosts);
        }
        FixedConfig config = new FixedConfig(privateKey, knownHosts, key.acceptNewHosts());
        return new SshdSessionFactoryBuilder()
                .setHomeDirectory(home.toFile())
                .setSshDirectory(home.toFile())
                .setConfigFile(sshDir -> null)
                .setConfigStoreFactory((homeDir, configFile, localUser) -> config)
                .setDefaultIdentities(sshDir -> List.of(privateKey))
                .setDefaultKnownHostsFiles(sshDir -> List.of(knownHosts))
                .setPreferredAuthentications("publickey")
                .setKeyPasswordProvider(credentials -> new Passphrase(key.passphrase()))
                .build(null);
    }

    // JGit records a new host only in a known-hosts file that exists (it would ask before creating one).
    private static void createIfMissing(Path knownHosts) {
        try {
            if (!Files.exists(knownHosts)) {
                Files.createFile(knownHosts);
            }
        } catch (FileAlreadyExistsException raced) {
            // another workspace made it first
        } catch (IOException e) {
            throw new GitException(GitException.Kind.LOCAL, "cannot create the SSH known-hosts file " + knownHosts, e);
        }
    }

    /** The same options for every host, as an OpenSSH config file would give them. */
    private static final class FixedConfig implements SshConfigStore, SshConfigStore.HostConfig {
        private final Map<String, String> options = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private final Map<String, List<String>> multiOptions = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

        FixedConfig(Path privateKey, Path knownHosts, boolean acceptNewHosts) {
            options.put(SshConstants.STRICT_HOST_KEY_CHECKING, acceptNewHosts ? "accept-new" : "yes");
            options.put(SshConstants.IDENTITIES_ONLY, "yes");
            options.put(SshConstants.IDENTITY_AGENT, "none");
            options.put(SshConstants.ADD_KEYS_TO_AGENT, "no");
            options.put(SshConstants.BATCH_MODE, "yes");
            options.put(SshConstants.CONNECTION_ATTEMPTS, "1");
            options.put(SshConstants.PREFERRED_AUTHENTICATIONS, "publickey");
            multiOptions.put(SshConstants.IDENTITY_FILE, List.of(privateKey.toString()));
            multiOptions.put(SshConstants.USER_KNOWN_HOSTS_FILE, List.of(knownHosts.toString()));
            multiOptions.put(SshConstants.GLOBAL_KNOWN_HOSTS_FILE, List.of(knownHosts.toString()));
        }

        @Override
        public HostConfig lookup(String hostName, int port, String userName) {
            return this;
        }

        @Override
        public HostConfig lookupDefault(String hostName, int port, String userName) {
            return this;
        }

        @Override
        public @Nullable String getValue(String key) {
            String value = options.get(key);
            if (value != null) {
                return value;
            }
            List<String> values = multiOptions.get(key);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        @Override
        public List<String> getValues(String key) {
            List<String> values = multiOptions.get(key);
            if (values != null) {
                return values;
            }
            String value = options.get(key);
            return value == null ? List.of() : List.of(value);
        }

        @Override
        public Map<String, String> getOptions() {
            return Map.copyOf(options);
        }

        @Override
        public Map<String, List<String>> getMultiValuedOptions() {
            return Map.copyOf(multiOptions);
        }
    }

    /** Answers the key's passphrase once; a wrong one is not retried. */
    private static final class Passphrase implements KeyPasswordProvider {
        private final Optional<Secret> passphrase;

        Passphrase(Optional<Secret> passphrase) {
            this.passphrase = passphrase;
        }

        @Override
        public char @Nullable [] getPassphrase(URIish uri, int attempt) {
            return passphrase.map(secret -> secret.reveal().toCharArray()).orElse(null);
        }

        @Override
        public void setAttempts(int attempts) {
            // one attempt, whatever the ssh config asks: the passphrase does not change between attempts
        }

        @Override
        public int getAttempts() {
            return 1;
        }

        @Override
        public boolean keyLoaded(URIish uri, int attempt, Exception error) {
            return false;
        }
    }
}
