package io.cikit.core.git;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.UploadPack;

/**
 * An SSH server on 127.0.0.1 that runs JGit's {@link UploadPack} for {@code git-upload-pack} commands on one bare
 * repository, letting in only one client key.
 */
final class SshGitServer implements AutoCloseable {
    final KeyPair hostKey;
    private final SshServer server;

    SshGitServer(Repository repository, PublicKey clientKey) throws IOException, GeneralSecurityException {
        hostKey = newKeyPair();
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(key, clientKey));
        server.setCommandFactory((channel, command) -> new UploadPackCommand(repository, command));
        server.start();
    }

    static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** Writes {@code key} as an OpenSSH private key file, encrypted when a passphrase is given. */
    static Path writePrivateKey(KeyPair key, Path file, String passphrase) throws IOException, GeneralSecurityException {
        OpenSSHKeyEncryptionContext encryption = null;
        if (passphrase != null) {
            encryption = new OpenSSHKeyEncryptionContext();
            encryption.setCipherName("AES");
            encryption.setCipherType("256");
            encryption.setPassword(passphrase);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "cikit-test", encryption, out);
        }
        return file;
    }

    int port() {
        return server.getPort();
    }

    String url() {
        return "ssh://git@127.0.0.1:" + port() + "/remote.git";
    }

    /** This server's line for a known-hosts file. */
    String knownHostsLine() {
        return knownHostsLine(hostKey.getPublic());
    }

    /** A known-hosts line that names this server's address with another key. */
    String knownHostsLine(PublicKey key) {
        return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(key) + "\n";
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    private static final class UploadPackCommand implements Command {
        private final Repository repository;
        private final String command;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;

        UploadPackCommand(Repository repository, String command) {
            this.repository = repository;
            this.command = command;
        }

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback exit) {
            this.exit = exit;
        }

        @Override
        public void start(ChannelSession channel, Environment environment) {
            Thread worker = new Thread(() -> {
                if (!command.startsWith("git-upload-pack ")) {
                    exit.onExit(127, "only git-upload-pack here, not " + command);
                    return;
                }
                try {
                    UploadPack pack = new UploadPack(repository);
                    pack.setRequestPolicy(UploadPack.RequestPolicy.REACHABLE_COMMIT);
                    pack.upload(in, out, err);
                    out.flush();
                    exit.onExit(0);
                } catch (IOException | RuntimeException e) {
                    exit.onExit(1, e.toString());
                }
            }, "ssh-upload-pack");
            worker.setDaemon(true);
            worker.start();
        }

        @Override
        public void destroy(ChannelSession channel) {
        }
    }
}
