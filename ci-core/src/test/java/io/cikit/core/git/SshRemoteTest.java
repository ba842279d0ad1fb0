package io.cikit.core.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.cikit.core.config.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fetching over SSH (JGit's Apache MINA sshd transport) from an in-process sshd running JGit's upload-pack. */
class SshRemoteTest {
    @TempDir
    Path root;

    Path base;
    TestRepo repo;
    Git bare;
    KeyPair clientKey;
    Path keyFile;
    SshGitServer server;
    String first;
    String second;

    @BeforeEach
    void setUp() throws Exception {
        base = root.resolve("workspaces");
        repo = TestRepo.create(root.resolve("repo"));
        first = repo.write("README", "1\n").commit("first");
        second = repo.write("README", "2\n").commit("second");
        repo.push();
        bare = Git.open(repo.bare.toFile());
        clientKey = SshGitServer.newKeyPair();
        keyFile = SshGitServer.writePrivateKey(clientKey, Files.createDirectories(root.resolve("keys")).resolve("id_ecdsa"), null);
        server = new SshGitServer(bare.getRepository(), clientKey.getPublic());
    }

    @AfterEach
    void tearDown() throws Exception {
        server.close();
        bare.close();
        repo.close();
        assertThat(base).satisfiesAnyOf(dir -> assertThat(dir).doesNotExist(), dir -> assertThat(dir).isEmptyDirectory());
    }

    private GitWorkspaces workspaces(GitCredentials credentials) {
        return GitWorkspaces.builder().baseDirectory(base).credentials(credentials).ioTimeout(Duration.ofSeconds(20)).build();
    }

    private Path knownHosts(String content) throws Exception {
        return Files.writeString(root.resolve("known_hosts"), content);
    }

    @Test
    void clonesWithAKeyFile_checkingTheHostKey() throws Exception {
        GitWorkspaces ssh = workspaces(GitCredentials.sshKey(keyFile, knownHosts(server.knownHostsLine())));
        try (GitWorkspace ws = ssh.checkout(server.url(), first)) {
            assertThat(Files.readString(ws.directory().resolve("README"))).isEqualTo("1\n");
        }
        assertThat(ssh.commits(server.url(), new CommitRange(first, "main")).shas()).containsExactly(second);
    }

    @Test
    void scpLikeUrlsAreSsh() throws Exception {
        GitWorkspaces ssh = workspaces(GitCredentials.sshKey(keyFile, knownHosts(server.knownHostsLine())));
        // scp-like syntax cannot carry a port, so only the scheme check is exercised here
        assertThat(Urls.scheme("git@github.com:acme/kernel.git")).isEqualTo("ssh");
        try (GitWorkspace ws = ssh.open("git@127.0.0.1:acme/kernel.git")) {
            assertThat(ws.head()).isEmpty();
        }
    }

    @Test
    void anUnknownHostIsRefused_whenChecking() throws Exception {
        GitWorkspaces strict = workspaces(GitCredentials.sshKey(keyFile, knownHosts("")));
        assertThatThrownBy(() -> strict.checkout(server.url(), first))
                .asInstanceOf(type(GitException.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(GitException.Kind.UNREACHABLE));
    }

    @Test
    void trustOnFirstUseRecordsTheHost_butStillRefusesAChangedKey() throws Exception {
        Path hosts = root.resolve("tofu_known_hosts");
        GitWorkspaces tofu = workspaces(GitCredentials.sshKey(keyFile, hosts).acceptingNewHosts());
        try (GitWorkspace ws = tofu.checkout(server.url(), second)) {
            assertThat(ws.head()).contains(second);
        }
        assertThat(Files.readString(hosts)).contains("[127.0.0.1]:" + server.port());

        Files.writeString(hosts, server.knownHostsLine(SshGitServer.newKeyPair().getPublic()));
        assertThatThrownBy(() -> tofu.checkout(server.url(), second))
                .asInstanceOf(type(GitException.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(GitException.Kind.UNREACHABLE));
    }

    @Test
    void anEncryptedKeyNeedsItsPassphrase() throws Exception {
        Path encrypted = SshGitServer.writePrivateKey(clientKey, root.resolve("keys/id_encrypted"), "correct horse");
        Path hosts = knownHosts(server.knownHostsLine());
        GitWorkspaces withPassphrase = workspaces(GitCredentials.sshKey(encrypted, hosts).withPassphrase(Secret.of("correct horse")));
        try (GitWorkspace ws = withPassphrase.checkout(server.url(), second)) {
            assertThat(ws.head()).contains(second);
        }
        GitWorkspaces without = workspaces(GitCredentials.sshKey(encrypted, hosts));
        assertThatThrownBy(() -> without.checkout(server.url(), second))
                .asInstanceOf(type(GitException.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(GitException.Kind.UNREACHABLE))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("correct horse"));
    }

    @Test
    void aKeyTheServerDoesNotKnowIsRefused() throws Exception {
        Path stranger = SshGitServer.writePrivateKey(SshGitServer.newKeyPair(), root.resolve("keys/id_stranger"), null);
        GitWorkspaces wrongKey = workspaces(GitCredentials.sshKey(stranger, knownHosts(server.knownHostsLine())));
        assertThatThrownBy(() -> wrongKey.checkout(server.url(), second))
                .asInstanceOf(type(GitException.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(GitException.Kind.UNREACHABLE));
    }
}
