package io.cikit.core.git;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.cikit.core.config.Secret;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fetching over smart HTTP from WireMock playing a git server: token auth, refusals, stalls. */
class HttpRemoteTest {
    static final String TOKEN = "ghs_s3cretT0ken";

    @TempDir
    Path root;

    Path base;
    TestRepo repo;
    SmartHttpGit git;
    WireMockServer server;
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    String first;
    String second;
    String third;

    @BeforeEach
    void setUp() throws Exception {
        base = root.resolve("workspaces");
        repo = TestRepo.create(root.resolve("repo"));
        first = repo.write("README", "1\n").commit("first");
        second = repo.write("README", "2\n").commit("second");
        third = repo.write("README", "3\n").commit("third");
        repo.push();
        Git bare = Git.open(repo.bare.toFile());
        git = new SmartHttpGit(bare.getRepository());
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").extensions(git));
        server.start();
        server.stubFor(any(urlPathMatching("/private\\.git/.*")).atPriority(1)
                .withBasicAuth(GitCredentials.Token.DEFAULT_USER, TOKEN)
                .willReturn(aResponse().withTransformers(SmartHttpGit.NAME)));
        server.stubFor(any(urlPathMatching("/private\\.git/.*")).atPriority(5)
                .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", "Basic realm=\"git\"")));
        server.stubFor(any(urlPathMatching("/public\\.git/.*")).atPriority(1)
                .willReturn(aResponse().withTransformers(SmartHttpGit.NAME)));
        server.stubFor(any(urlPathMatching("/slow\\.git/.*")).atPriority(1)
                .willReturn(aResponse().withFixedDelay(3000).withTransformers(SmartHttpGit.NAME)));
    }

    @AfterEach
    void tearDown() {
        server.stop();
        repo.close();
        assertThat(base).satisfiesAnyOf(dir -> assertThat(dir).doesNotExist(), dir -> assertThat(dir).isEmptyDirectory());
    }

    private String url(String name) {
        return "http://127.0.0.1:" + server.port() + "/" + name + ".git";
    }

    private GitWorkspaces.Builder workspaces() {
        return GitWorkspaces.builder().baseDirectory(base).allowSchemes("http").meterRegistry(registry);
    }

    @Test
    void clonesWithATokenAsBasicAuthPassword_shallow() throws Exception {
        GitWorkspaces withToken = workspaces().credentials(GitCredentials.token(Secret.of(TOKEN))).build();
        try (GitWorkspace ws = withToken.checkout(url("private"), second)) {
            assertThat(Files.readString(ws.directory().resolve("README"))).isEqualTo("2\n");
            try (Git clone = Git.open(ws.directory().toFile())) {
                assertThat(clone.getRepository().getObjectDatabase().getShallowCommits()).hasSize(1);
                assertThat(clone.getRepository().getObjectDatabase().has(repo.resolve(first))).isFalse();
            }
        }
        String expected = "Basic " + Base64.getEncoder().encodeToString(("x-access-token:" + TOKEN).getBytes());
        assertThat(server.findAll(anyRequestedFor(urlPathMatching("/private\\.git/git-upload-pack"))))
                .isNotEmpty()
                .allSatisfy(request -> assertThat(request.getHeader("Authorization")).isEqualTo(expected));
    }

    @Test
    void sendsTheConfiguredUserName() {
        server.stubFor(any(urlPathMatching("/gitlab\\.git/.*")).atPriority(1).withBasicAuth("oauth2", TOKEN)
                .willReturn(aResponse().withTransformers(SmartHttpGit.NAME)));
        server.stubFor(any(urlPathMatching("/gitlab\\.git/.*")).atPriority(5)
                .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", "Basic realm=\"git\"")));
        GitWorkspaces gitlab = workspaces().credentials(GitCredentials.token("oauth2", Secret.of(TOKEN))).build();
        try (GitWorkspace ws = gitlab.checkout(url("gitlab"), third)) {
            assertThat(ws.head()).contains(third);
        }
    }

    @Test
    void aWrongTokenIsUnreachable_withoutTheTokenInTheMessage() {
        GitWorkspaces wrong = workspaces().credentials(GitCredentials.token(Secret.of("ghs_wrongWr0ng"))).build();
        assertThatThrownBy(() -> wrong.checkout(url("private"), second))
                .asInstanceOf(type(GitException.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(GitException.Kind.UNREACHABLE))
                .satisfies(e -> assertThat(messages(e)).noneMatch(m -> m.contains("ghs_wrongWr0ng")));
    }

    @Test
    void noCredentialsForAPrivateRepositoryIsUnreachable() {
        assertThatThrownBy(() -> workspaces().build().checkout(url("private"), second))
                .asInstanceOf(type(GitException.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(GitException.Kind.UNREACHABLE));
    }

    @Test
    void credentialsInTheUrlAreHiddenInMessages() {
        String leaky = "http://someone:" + TOKEN + "@127.0.0.1:" + server.port() + "/missing.git";
        assertThatThrownBy(() -> workspaces().build().checkout(leaky, second))
                .asInstanceOf(type(GitException.class))
                .satisfies(e -> assertThat(e.getMessage()).contains("http://***@127.0.0.1").doesNotContain(TOKEN));
    }

    @Test
    void aServerRefusingCommitsBySha_getsOneFetchOfAllRefsInstead() throws Exception {
        git.refuseUnadvertised(true);
        try (GitWorkspace ws = workspaces().build().checkout(url("public"), second)) {
            assertThat(Files.readString(ws.directory().resolve("README"))).isEqualTo("2\n");
            try (Git clone = Git.open(ws.directory().toFile())) {
                assertThat(clone.getRepository().getObjectDatabase().getShallowCommits()).isEmpty();
                assertThat(clone.getRepository().getObjectDatabase().has(repo.resolve(first))).isTrue();
            }
        }
        assertThat(registry.timer("cikit.git.fetches", "kind", "commit", "outcome", "unreachable").count()).isEqualTo(1);
        assertThat(registry.timer("cikit.git.fetches", "kind", "all", "outcome", "ok").count()).isEqualTo(1);
    }

    @Test
    void anAdvertisedTipIsFetchedShallowEvenFromARefusingServer() throws Exception {
        git.refuseUnadvertised(true);
        try (GitWorkspace ws = workspaces().build().checkout(url("public"), "main")) {
            assertThat(ws.head()).contains(third);
            try (Git clone = Git.open(ws.directory().toFile())) {
                assertThat(clone.getRepository().getObjectDatabase().getShallowCommits()).hasSize(1);
            }
        }
    }

    @Test
    void rangesWorkOverHttpToo() {
        assertThat(workspaces().build().commits(url("public"), new CommitRange(first, third)).shas())
                .containsExactly(third, second);
    }

    @Test
    void aSilentServerTimesOutAfterTheStallLimit_andLeavesNothingOnDisk() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            GitWorkspaces impatient = workspaces().ioTimeout(Duration.ofSeconds(1)).build();
            String url = "http://127.0.0.1:" + silent.getLocalPort() + "/silent.git";
            assertThatThrownBy(() -> impatient.checkout(url, second))
                    .asInstanceOf(type(GitException.class))
                    .satisfies(e -> assertThat(e.kind()).isEqualTo(GitException.Kind.TIMEOUT));
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @Test
    void theOperationTimeoutCapsASlowServer() {
        GitWorkspaces hurried = workspaces().timeout(Duration.ofSeconds(1)).build();
        assertThatThrownBy(() -> hurried.checkout(url("slow"), second))
                .asInstanceOf(type(GitException.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(GitException.Kind.TIMEOUT));
    }

    private static List<String> messages(Throwable e) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
            for (Throwable suppressed : t.getSuppressed()) {
                messages.addAll(messages(suppressed));
            }
        }
        return messages;
    }
}
