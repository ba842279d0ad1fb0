package io.cikit.vcs.gitlab;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.cikit.vcs.gitlab.GitLabStub.GITLAB;
import static io.cikit.vcs.gitlab.GitLabStub.HOSTS;
import static io.cikit.vcs.gitlab.GitLabStub.PROJECT;
import static io.cikit.vcs.gitlab.GitLabStub.PROJECT_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cikit.core.config.Secret;
import io.cikit.core.event.Repository;
import io.cikit.core.json.Json;
import io.cikit.core.report.ChangedFile;
import io.cikit.core.report.CommitDiff;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link GitLabClient#commitDiff(Repository, String, String)} builds a patch {@code git apply} takes from GitLab's
 * per-file diff texts: against WireMock answering in GitLab's shape, and for a real commit made with JGit whose
 * patch must apply to its parent.
 */
class GitLabPatchTest {
    private static final Repository REPO = Repository.named(PROJECT);
    private static final String COMPARE = PROJECT_PATH + "/repository/compare";

    @BeforeEach
    void reset() {
        HOSTS.reset();
    }

    private static GitLabClient client() {
        return GitLabStub.client(GitLabAuth.privateToken(Secret.of("glpat-patch")));
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = GitLabPatchTest.class.getResourceAsStream("/gitlab-api/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static ObjectNode compareReply() throws IOException {
        return (ObjectNode) Json.read(fixture("compare.json")).deepCopy();
    }

    private static CommitDiff commitDiff(ObjectNode reply) {
        GITLAB.stubFor(get(urlPathEqualTo(COMPARE)).willReturn(okJson(new String(Json.write(reply), StandardCharsets.UTF_8))));
        return client().commitDiff(REPO, "v6.1", "2293ada6b400935a1378653304eaf6221e0fdb8f");
    }

    @Test
    void everyKindOfChangeGetsItsGitHeaderBeforeGitLabsHunks() throws IOException {
        CommitDiff diff = commitDiff(compareReply());

        assertThat(diff.complete()).isTrue();
        assertThat(diff.patch()).contains("""
                diff --git a/drivers/net/phy.c b/drivers/net/phy.c
                --- a/drivers/net/phy.c
                +++ b/drivers/net/phy.c
                @@ -1,3 +1,3 @@
                 int a;
                -int b;
                +int c;
                 int d;
                diff --git a/scripts/probe.sh b/scripts/probe.sh
                new file mode 100755
                --- /dev/null
                +++ b/scripts/probe.sh
                @@ -0,0 +1,2 @@
                +#!/bin/sh
                +exit 0
                diff --git a/old/notes.txt b/old/notes.txt
                deleted file mode 100644
                --- a/old/notes.txt
                +++ /dev/null
                @@ -1 +0,0 @@
                -obsolete
                diff --git a/include/phy/old.h b/include/phy/new.h
                rename from include/phy/old.h
                rename to include/phy/new.h
                --- a/include/phy/old.h
                +++ b/include/phy/new.h
                @@ -1 +1 @@
                -#define PHY_PROBES 1
                +#define PHY_PROBES 2
                diff --git a/docs/a.md b/docs/b.md
                rename from docs/a.md
                rename to docs/b.md
                diff --git a/tools/run.py b/tools/run.py
                old mode 100644
                new mode 100755
                diff --git a/Documentation/dev tools/readme.txt b/Documentation/dev tools/readme.txt
                --- a/Documentation/dev tools/readme.txt\t
                +++ b/Documentation/dev tools/readme.txt\t
                @@ -1,2 +1,2 @@
                 one
                -two
                \\ No newline at end of file
                +two
                """);
        assertThat(diff.files()).extracting(ChangedFile::kind).containsExactly(ChangedFile.Kind.MODIFIED,
                ChangedFile.Kind.ADDED, ChangedFile.Kind.REMOVED, ChangedFile.Kind.RENAMED, ChangedFile.Kind.RENAMED,
                ChangedFile.Kind.MODIFIED, ChangedFile.Kind.MODIFIED);
        assertThat(diff.files().get(0)).extracting(ChangedFile::additions, ChangedFile::deletions).containsExactly(1, 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"too_large", "collapsed"})
    void aFileWhoseDiffGitLabLeftOutMakesTheDiffIncompleteAndLeavesNoPatch(String flag) throws IOException {
        ObjectNode reply = compareReply();
        ObjectNode blob = ((ArrayNode) reply.get("diffs")).addObject();
        blob.put("diff", "").put("new_path", "firmware/rk3588.bin").put("old_path", "firmware/rk3588.bin")
                .put("a_mode", "100644").put("b_mode", "100644").put("new_file", false).put("renamed_file", false)
                .put("deleted_file", false).put("too_large", false).put("collapsed", false).put(flag, true);

        CommitDiff diff = commitDiff(reply);

        assertThat(diff.complete()).isFalse();
        assertThat(diff.patch()).isEmpty();
        assertThat(diff.files()).hasSize(8);
        assertThat(diff.files().get(7)).extracting(ChangedFile::path, ChangedFile::additions, ChangedFile::deletions)
                .containsExactly("firmware/rk3588.bin", 0, 0);
    }

    @Test
    void anEmptyDiffForAChangedFileWithoutFlagsIsAlsoLeftOut() throws IOException {
        ObjectNode reply = compareReply();
        // GitLab before too_large/collapsed: a pruned diff is just empty
        ((ObjectNode) reply.get("diffs").get(0)).put("diff", "").remove(java.util.List.of("too_large", "collapsed"));

        CommitDiff diff = commitDiff(reply);

        assertThat(diff.complete()).isFalse();
        assertThat(diff.patch()).isEmpty();
    }

    @Test
    void aDiffTextSmugglingAnotherFilesHeaderIsNoPatch() throws IOException {
        ObjectNode reply = compareReply();
        ((ObjectNode) reply.get("diffs").get(0)).put("diff", "@@ -1,3 +1,3 @@\n int a;\n-int b;\n+int c;\n int d;\n"
                + "--- a/Makefile\n+++ b/Makefile\n@@ -1 +1 @@\n-all:\n+all: pwn\n");

        CommitDiff diff = commitDiff(reply);

        assertThat(diff.patch()).isEmpty();
        assertThat(diff.complete()).isFalse();
    }

    @Test
    void aBinaryNoticeIsKeptAsGitDiffPrintsIt() throws IOException {
        ObjectNode reply = compareReply();
        ((ObjectNode) reply.get("diffs").get(1)).put("diff", "Binary files /dev/null and b/scripts/probe.sh differ\n");

        CommitDiff diff = commitDiff(reply);

        assertThat(diff.complete()).isTrue();
        assertThat(diff.patch().orElseThrow()).contains("""
                diff --git a/scripts/probe.sh b/scripts/probe.sh
                new file mode 100755
                Binary files /dev/null and b/scripts/probe.sh differ
                diff --git a/old/notes.txt""");
    }

    @Test
    void namesWithQuotesBackslashesOrControlCharactersAreQuotedAsGitQuotesThem() throws IOException {
        ObjectNode reply = compareReply();
        ((ObjectNode) reply.get("diffs").get(0)).put("old_path", "a\"b\\c\td.c").put("new_path", "a\"b\\c\td.c");

        String patch = commitDiff(reply).patch().orElseThrow();

        assertThat(patch).startsWith("""
                diff --git "a/a\\"b\\\\c\\td.c" "b/a\\"b\\\\c\\td.c"
                --- "a/a\\"b\\\\c\\td.c"
                +++ "b/a\\"b\\\\c\\td.c"
                """);
    }

    @Test
    void aComparisonGitLabGaveUpOnHasNoPatch() throws IOException {
        ObjectNode reply = compareReply().put("compare_timeout", true);

        CommitDiff diff = commitDiff(reply);

        assertThat(diff.complete()).isFalse();
        assertThat(diff.patch()).isEmpty();
    }

    // ---- a real commit

    private static PersonIdent lab() {
        return new PersonIdent("Lab Bot", "lab@example.com");
    }

    private static void write(Path root, String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static String numbered(int from, int to, String changedLine, int changedAt) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i <= to; i++) {
            text.append(i == changedAt ? changedLine : "line " + i).append('\n');
        }
        return text.toString();
    }

    /** The commit's changes as GitLab's compare lists them: per file, the hunks without git's header lines. */
    private static ArrayNode gitLabDiffs(Git git, RevCommit parent, RevCommit head) throws IOException {
        ArrayNode diffs = JsonNodeFactory.instance.arrayNode();
        try (DiffFormatter formatter = new DiffFormatter(new ByteArrayOutputStream())) {
            formatter.setRepository(git.getRepository());
            formatter.setDetectRenames(true);
            for (DiffEntry entry : formatter.scan(parent.getTree(), head.getTree())) {
                ByteArrayOutputStream text = new ByteArrayOutputStream();
                try (DiffFormatter one = new DiffFormatter(text)) {
                    one.setRepository(git.getRepository());
                    one.format(entry);
                }
                String full = text.toString(StandardCharsets.UTF_8);
                int hunks = full.startsWith("@@") ? 0 : full.indexOf("\n@@") + 1;
                boolean added = entry.getChangeType() == DiffEntry.ChangeType.ADD;
                boolean deleted = entry.getChangeType() == DiffEntry.ChangeType.DELETE;
                diffs.addObject()
                        .put("diff", hunks > 0 ? full.substring(hunks) : "")
                        .put("collapsed", false)
                        .put("too_large", false)
                        .put("new_path", deleted ? entry.getOldPath() : entry.getNewPath())
                        .put("old_path", added ? entry.getNewPath() : entry.getOldPath())
                        .put("a_mode", mode(entry.getOldMode()))
                        .put("b_mode", mode(entry.getNewMode()))
                        .put("new_file", added)
                        .put("renamed_file", entry.getChangeType() == DiffEntry.ChangeType.RENAME)
                        .put("deleted_file", deleted)
                        .put("generated_file", false);
            }
        }
        return diffs;
    }

    private static String mode(FileMode mode) {
        return Integer.toOctalString(mode.getBits());
    }

    private static void run(Path workTree, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(workTree.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("%s finished", String.join(" ", command)).isTrue();
        assertThat(process.exitValue()).as("%s said: %s", String.join(" ", command), output).isZero();
    }

    @Test
    void thePatchOfARealCommitAppliesToItsParentAndGivesItsTree(@TempDir Path dir) throws Exception {
        Path work = dir.resolve("linux");
        try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            write(work, "drivers/net/phy.c", numbered(1, 40, "", 0));
            write(work, "old/notes.txt", "obsolete\n");
            write(work, "include/phy/old.h", numbered(1, 12, "", 0));
            write(work, "docs/a.md", "# PHY probing\n\nOnce per boot.\n");
            write(work, "Documentation/dev tools/readme.txt", "one\ntwo");
            git.add().addFilepattern(".").call();
            RevCommit parent = git.commit().setMessage("base").setAuthor(lab()).setCommitter(lab()).setSign(false).call();

            write(work, "drivers/net/phy.c", numbered(1, 40, "line 5 probed once", 5).replace("line 33\n", "line 33 fixed\n"));
            Files.delete(work.resolve("old/notes.txt"));
            Files.move(work.resolve("include/phy/old.h"), work.resolve("include/phy/new.h"));
            write(work, "include/phy/new.h", numbered(1, 12, "#define PHY_PROBES 2", 7));
            Files.move(work.resolve("docs/a.md"), work.resolve("docs/b.md"));
            write(work, "Documentation/dev tools/readme.txt", "one\ntwo\nthree\n");
            write(work, "scripts/probe.sh", "#!/bin/sh\nexit 0\n");
            Files.setPosixFilePermissions(work.resolve("scripts/probe.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            RevCommit head = git.commit().setMessage("net: phy: probe once").setAuthor(lab()).setCommitter(lab())
                    .setSign(false).call();
            ObjectNode reply = JsonNodeFactory.instance.objectNode().put("compare_timeout", false);
            reply.putArray("commits");
            reply.set("diffs", gitLabDiffs(git, parent, head));
            GITLAB.stubFor(get(urlPathEqualTo(COMPARE)).willReturn(okJson(new String(Json.write(reply), StandardCharsets.UTF_8))));

            CommitDiff diff = client().commitDiff(REPO, parent.name(), head.name());

            assertThat(diff.complete()).isTrue();
            assertThat(diff.files()).extracting(ChangedFile::kind).contains(ChangedFile.Kind.ADDED,
                    ChangedFile.Kind.REMOVED, ChangedFile.Kind.RENAMED, ChangedFile.Kind.MODIFIED);
            Path patch = Files.writeString(dir.resolve("commit.patch"), diff.patch().orElseThrow(), StandardCharsets.UTF_8);
            git.checkout().setName(parent.name()).call();
            assertThat(work.resolve("scripts/probe.sh")).doesNotExist();

            run(work, "git", "apply", "--check", patch.toString());
            run(work, "git", "apply", patch.toString());

            for (String path : new String[] {"drivers/net/phy.c", "include/phy/new.h", "docs/b.md",
                "Documentation/dev tools/readme.txt", "scripts/probe.sh"}) {
                assertThat(work.resolve(path)).as(path).hasContent(content(git, head, path));
            }
            assertThat(work.resolve("old/notes.txt")).doesNotExist();
            assertThat(work.resolve("include/phy/old.h")).doesNotExist();
            assertThat(work.resolve("docs/a.md")).doesNotExist();
            assertThat(Files.isExecutable(work.resolve("scripts/probe.sh"))).isTrue();
        }
    }

    private static String content(Git git, RevCommit commit, String path) throws IOException {
        try (org.eclipse.jgit.treewalk.TreeWalk walk = org.eclipse.jgit.treewalk.TreeWalk.forPath(git.getRepository(),
                path, commit.getTree())) {
            assertThat(Optional.ofNullable(walk)).as(path + " in " + commit.name()).isPresent();
            return new String(git.getRepository().open(walk.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
        }
    }
}
