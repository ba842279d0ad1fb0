package io.cikit.core.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.transport.RefSpec;

/**
 * A bare repository (the "remote", reached by {@code file://} URL) and a working clone that commits and pushes to
 * it. Commit times are one minute apart from 2024-01-01, so walks have a fixed order.
 */
final class TestRepo implements AutoCloseable {
    static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");

    final Path bare;
    final Path work;
    final Git git;
    private int minutes;

    private TestRepo(Path bare, Path work, Git git) {
        this.bare = bare;
        this.work = work;
        this.git = git;
    }

    static TestRepo create(Path root) throws GitAPIException, IOException {
        Path bare = root.resolve("remote.git");
        Path work = root.resolve("work");
        Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
        Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call();
        StoredConfig config = git.getRepository().getConfig();
        config.setString("remote", "origin", "url", bare.toUri().toString());
        config.setBoolean("commit", null, "gpgsign", false);
        config.setBoolean("tag", null, "gpgsign", false);
        config.save();
        return new TestRepo(bare, work, git);
    }

    /** The bare repository's {@code file://} URL. */
    String url() {
        return bare.toUri().toString();
    }

    TestRepo write(String path, String content) throws IOException {
        Path file = work.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return this;
    }

    TestRepo delete(String path) throws IOException {
        Files.delete(work.resolve(path));
        return this;
    }

    TestRepo move(String from, String to) throws IOException {
        Path target = work.resolve(to);
        Files.createDirectories(target.getParent());
        Files.move(work.resolve(from), target);
        return this;
    }

    TestRepo symlink(String path, Path target) throws IOException {
        Files.createSymbolicLink(work.resolve(path), target);
        return this;
    }

    /** Stages everything (new, changed, deleted files) and commits; returns the sha. */
    String commit(String message) throws GitAPIException {
        git.add().addFilepattern(".").call();
        git.add().setUpdate(true).addFilepattern(".").call();
        PersonIdent who = next("Ada Lovelace", "ada@example.org");
        return git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false)
                .setAllowEmpty(true).call().name();
    }

    /** A commit by someone else, for author fields. */
    String commitAs(String name, String email, String message) throws GitAPIException {
        git.add().addFilepattern(".").call();
        git.add().setUpdate(true).addFilepattern(".").call();
        PersonIdent who = next(name, email);
        return git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false)
                .setAllowEmpty(true).call().name();
    }

    /** Creates {@code branch} at the current commit and switches to it. */
    TestRepo branch(String branch) throws GitAPIException {
        git.checkout().setCreateBranch(true).setName(branch).call();
        return this;
    }

    TestRepo switchTo(String branch) throws GitAPIException {
        git.checkout().setName(branch).call();
        return this;
    }

    /** Merges {@code branch} into the current branch with a merge commit; returns its sha. */
    String merge(String branch, String message) throws GitAPIException, IOException {
        git.merge().include(git.getRepository().resolve(branch)).setFastForward(MergeCommand.FastForwardMode.NO_FF)
                .setCommit(false).call();
        PersonIdent who = next("Ada Lovelace", "ada@example.org");
        return git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call().name();
    }

    void tag(String name, boolean annotated) throws GitAPIException {
        if (annotated) {
            git.tag().setName(name).setAnnotated(true).setSigned(false).setMessage("release " + name)
                    .setTagger(next("Ada Lovelace", "ada@example.org")).call();
        } else {
            git.tag().setName(name).setAnnotated(false).setSigned(false).call();
        }
    }

    /** Pushes every branch and tag to the bare repository, forcing. */
    void push() throws GitAPIException {
        git.push().setRemote("origin").setRefSpecs(new RefSpec("+refs/heads/*:refs/heads/*"),
                new RefSpec("+refs/tags/*:refs/tags/*")).call();
    }

    ObjectId resolve(String revision) throws IOException {
        return git.getRepository().resolve(revision);
    }

    /** The instant the n-th commit (counting from 0) of this repository was made. */
    static Instant timeOf(int n) {
        return EPOCH.plusSeconds(60L * (n + 1));
    }

    private PersonIdent next(String name, String email) {
        minutes++;
        return new PersonIdent(name, email, EPOCH.plusSeconds(60L * minutes), ZoneOffset.UTC);
    }

    /** The names of the files and directories left in {@code dir}, recursively. */
    static List<Path> contents(Path dir) throws IOException {
        List<Path> found = new ArrayList<>();
        if (Files.exists(dir)) {
            try (var stream = Files.walk(dir)) {
                stream.filter(p -> !p.equals(dir)).forEach(found::add);
            }
        }
        return found;
    }

    @Override
    public void close() {
        git.close();
    }
}
