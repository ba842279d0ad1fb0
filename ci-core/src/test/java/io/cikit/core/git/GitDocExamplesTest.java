package io.cikit.core.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.cikit.core.config.Secret;
import io.cikit.core.event.CommitInfo;
import io.cikit.core.event.Repository;
import io.cikit.core.trigger.TriggerPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snippets in docs/git.md, compiled and checked here; keep the two in step. */
class GitDocExamplesTest {
    @TempDir
    Path root;

    TestRepo repo;
    String url;
    String lastGood;
    String firstBad;
    Secret token = Secret.of("ghs_example");
    Path scratch;
    List<String> built = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        repo = TestRepo.create(root.resolve("repo"));
        lastGood = repo.write("drivers/gpio.c", "v1\n").commit("gpio: add driver");
        repo.write("drivers/gpio.c", "v2\n").commit("gpio: fix irq");
        firstBad = repo.write("kernel/sched.c", "v2\n").commit("sched: tweak");
        repo.push();
        url = repo.url();
        scratch = root.resolve("scratch");
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    private void build(Path tree) throws Exception {
        built.add(Files.readString(tree.resolve("kernel/sched.c")));
    }

    @Test
    void checkoutExample() throws Exception {
        String sha = firstBad;
        // tag::checkout[]
        GitWorkspaces workspaces = GitWorkspaces.builder()
                .credentials(GitCredentials.token(token))   // HTTPS: basic auth x-access-token:<token>
                .baseDirectory(scratch)                     // default: java.io.tmpdir
                .timeout(Duration.ofMinutes(5))             // per call, all fetches included
                .allowSchemes("https", "ssh", "file")       // file: a lab mirror on local disk
                .build();

        try (GitWorkspace ws = workspaces.checkout(url, sha)) {  // shallow fetch, detached checkout
            build(ws.directory());
        }                                                        // directory removed here, whatever happened
        // end::checkout[]

        assertThat(built).containsExactly("v2\n");
        assertThat(scratch).isEmptyDirectory();
    }

    @Test
    void regressionRangeExample() {
        GitWorkspaces workspaces = GitWorkspaces.builder().baseDirectory(scratch).allowSchemes("file").build();
        List<String> lines = new ArrayList<>();
        // tag::range[]
        CommitLog suspects = workspaces.commits(url, new CommitRange(lastGood, firstBad));
        for (CommitInfo commit : suspects.commits()) {              // newest first
            String subject = commit.message().lines().findFirst().orElse("");
            lines.add(commit.sha().substring(0, 12) + " " + subject);
        }
        if (suspects.truncated()) {
            lines.add("(only the newest " + suspects.commits().size() + " shown)");
        }
        // end::range[]
        assertThat(lines).containsExactly(firstBad.substring(0, 12) + " sched: tweak",
                suspects.commits().get(1).sha().substring(0, 12) + " gpio: fix irq");
    }

    @Test
    void triggerPolicyExample() throws Exception {
        Path keyFile = Files.writeString(root.resolve("id_ed25519"), "not used: the repository is reached by file URL");
        Path knownHosts = Files.writeString(root.resolve("known_hosts"), "");
        // tag::trigger[]
        GitWorkspaces workspaces = GitWorkspaces.builder()
                .credentials(GitCredentials.sshKey(keyFile, knownHosts))  // ssh: the repository's sshUrl is fetched
                .allowSchemes("https", "ssh", "file")
                .build();
        TriggerPolicy policy = TriggerPolicy.builder()
                .includePaths("drivers/**")
                .changedFiles(workspaces.changedFiles(repo -> repo.cloneUrl()))  // or changedFiles(): by credentials
                .build();
        // end::trigger[]
        Repository repository = new Repository("acme/kernel", Optional.empty(), Optional.of(url), Optional.empty(),
                Optional.empty(), Optional.of("main"));
        assertThat(workspaces.changedFiles(r -> r.cloneUrl()).between(repository, lastGood, firstBad))
                .contains(List.of("drivers/gpio.c", "kernel/sched.c"));
        assertThat(policy).isNotNull();
    }
}
