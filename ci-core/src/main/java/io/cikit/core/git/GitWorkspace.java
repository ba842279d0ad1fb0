package io.cikit.core.git;

import io.cikit.core.CiException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevFlag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A temporary directory holding a git repository fetched from one remote: check out a commit, list the commits
 * of a range, list the files changed between two commits. Made by {@link GitWorkspaces}; close it (try-with-resources)
 * and the directory is removed, whatever state it is in.
 *
 * <p>Commits are named by full sha, or by branch or tag name (looked up on the remote; abbreviated shas are not
 * supported). Only what a call needs is fetched: by default one commit without history, deepened step by step (100,
 * 1,000, 10,000 commits, then all) when a range needs more; a server that refuses to send commits by sha gets one
 * fetch of all its refs instead. Each public call is bounded by the configured timeout.
 *
 * <p>Calls may come from any thread; they run one at a time. Every failure is a {@link GitException} (or an
 * {@link IllegalStateException} after {@link #close()}). A checked-out tree is the repository's content as it is:
 * symbolic links are created as links, and the user's and system's git configuration (proxies, URL rewrites)
 * apply, as they do for the {@code git} command.
 */
public final class GitWorkspace implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GitWorkspace.class);
    private static final String CLEANUPS = "cikit.git.workspace.cleanups";
    /** More merge bases than this and {@code base...head} answers "unknown". */
    private static final int MAX_MERGE_BASES = 20;

    private final Settings settings;
    private final Path directory;
    private final Git git;
    private final Remote remote;
    private Optional<String> head = Optional.empty();
    private boolean closed;

    private GitWorkspace(Settings settings, Path directory, Git git, Remote remote) {
        this.settings = settings;
        this.directory = directory;
        this.git = git;
        this.remote = remote;
    }

    static GitWorkspace create(Settings settings, String url) {
        Path directory = Directories.create(settings.baseDirectory());
        Git git = null;
        try {
            git = Git.init().setDirectory(directory.toFile()).setInitialBranch("cikit").call();
            StoredConfig config = git.getRepository().getConfig();
            config.setInt("gc", null, "auto", 0);
            config.save();
            Remote remote = new Remote(git, url, settings, git.getRepository().getDirectory().toPath());
            log.debug("opened git workspace {} for {}", directory, remote.shownUrl());
            return new GitWorkspace(settings, directory, git, remote);
        } catch (GitAPIException | IOException | RuntimeException e) {
            if (git != null) {
                git.close();
            }
            try {
                Directories.delete(directory);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            if (e instanceof CiException failure) {
                throw failure;
            }
            throw new GitException(GitException.Kind.LOCAL, "cannot set up a git workspace in " + directory + ": " + e, e);
        }
    }

    /** The workspace's root: the working tree, with the repository in its {@code .git} directory. */
    public Path directory() {
        return directory;
    }

    /** The sha last checked out, if any. */
    public synchronized Optional<String> head() {
        return head;
    }

    /**
     * The full sha of {@code commit} (a sha, branch or tag name; an annotated tag is peeled to its commit), fetching
     * the commit if it is not here yet.
     *
     * @throws GitException {@link GitException.Kind#UNKNOWN_COMMIT UNKNOWN_COMMIT} if the remote does not have it
     */
    public synchronized String resolve(String commit) {
        Operation op = begin();
        return op.commit(commit).name();
    }

    /**
     * Checks {@code commit} out, detached, replacing whatever the working tree held (untracked files stay). Returns
     * its full sha.
     */
    public synchronized String checkout(String commit) {
        Operation op = begin();
        ObjectId id = op.commit(commit);
        try {
            git.checkout().setName(id.name()).setForced(true).call();
        } catch (GitAPIException | JGitInternalException e) {
            throw new GitException(GitException.Kind.LOCAL, "cannot check out " + id.name() + " in " + directory + ": "
                    + e.getMessage(), e);
        }
        head = Optional.of(id.name());
        log.debug("checked out {} from {} in {}", id.name(), remote.shownUrl(), directory);
        return id.name();
    }

    /**
     * The commits reachable from {@code range.firstBad()} but not from {@code range.lastGood()}: the commits that may
     * have brought a regression in. Newest first, at most the configured maximum (the newest are kept). An empty
     * list when {@code firstBad} is reachable from {@code lastGood}.
     */
    public synchronized CommitLog commits(CommitRange range) {
        Objects.requireNonNull(range, "range");
        Operation op = begin();
        ObjectId lastGood = op.commit(range.lastGood());
        ObjectId firstBad = op.commit(range.firstBad());
        History.Range walked = op.range(lastGood, firstBad);
        return new CommitLog(walked.commits().stream().map(History::info).toList(), walked.truncated());
    }

    /**
     * The files that differ between {@code from}'s tree and {@code to}'s (like {@code git diff --name-status -M
     * from to}), sorted by path, at most the configured maximum.
     */
    public synchronized FileChanges changedFiles(String from, String to) {
        Operation op = begin();
        ObjectId a = op.commit(from);
        ObjectId b = op.commit(to);
        return op.diff(a, b);
    }

    /**
     * The paths changed on {@code head}'s side since it forked from {@code base} ({@code base...head}); empty when
     * that cannot be told within the limits (too many commits, files or merge bases, or unrelated histories).
     */
    synchronized Optional<List<String>> pathsChangedSince(String base, String head) {
        Operation op = begin();
        ObjectId baseId = op.commit(base);
        ObjectId headId = op.commit(head);
        History.Range range = op.range(baseId, headId);
        if (range.truncated()) {
            return Optional.empty();
        }
        if (range.commits().isEmpty()) {
            return Optional.of(List.of());
        }
        Set<ObjectId> bases = op.newestOf(range.boundary());
        if (bases.isEmpty() || bases.size() > MAX_MERGE_BASES) {
            return Optional.empty();
        }
        TreeSet<String> paths = new TreeSet<>();
        for (ObjectId mergeBase : bases) {
            FileChanges changes = op.diff(mergeBase, headId);
            if (changes.truncated()) {
                return Optional.empty();
            }
            paths.addAll(changes.paths());
        }
        return paths.size() > settings.maxChangedFiles() ? Optional.empty() : Optional.of(List.copyOf(paths));
    }

    /** Removes the directory and everything in it. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            remote.close();
        } finally {
            git.close();
            try {
                Directories.delete(directory);
                settings.registry().counter(CLEANUPS, "outcome", "ok").increment();
                log.debug("removed git workspace {}", directory);
            } catch (IOException e) {
                settings.registry().counter(CLEANUPS, "outcome", "failed").increment();
                throw new GitException(GitException.Kind.LOCAL, "could not remove git workspace " + directory + ": " + e, e);
            }
        }
    }

    @Override
    public String toString() {
        return "GitWorkspace[" + directory + " <- " + remote.shownUrl() + "]";
    }

    private Operation begin() {
        if (closed) {
            throw new IllegalStateException("git workspace " + directory + " is closed");
        }
        return new Operation(Deadline.after(settings.timeout()));
    }

    /** One public call: its deadline, and the remote's refs once they have been listed. */
    private final class Operation {
        private final Deadline deadline;
        private Map<String, Ref> refs;

        Operation(Deadline deadline) {
            this.deadline = deadline;
        }

        ObjectId commit(String name) {
            Objects.requireNonNull(name, "commit");
            ObjectId wanted = ObjectId.isId(name) ? ObjectId.fromString(name) : advertised(name);
            ensurePresent(wanted, name);
            try (RevWalk walk = new RevWalk(repository())) {
                return walk.parseCommit(wanted).copy();
            } catch (IncorrectObjectTypeException e) {
                throw new GitException(GitException.Kind.UNKNOWN_COMMIT, "'" + name + "' in " + remote.shownUrl()
                        + " is not a commit", e);
            } catch (MissingObjectException e) {
                throw new GitException(GitException.Kind.UNKNOWN_COMMIT, "commit " + name + " is not in "
                        + remote.shownUrl(), e);
            } catch (IOException e) {
                throw new GitException(GitException.Kind.LOCAL, "cannot read commit " + name + " in " + directory, e);
            }
        }

        private ObjectId advertised(String name) {
            if (refs == null) {
                refs = remote.refs(deadline);
            }
            List<String> candidates = name.startsWith("refs/") || name.equals("HEAD")
                    ? List.of(name) : List.of("refs/heads/" + name, "refs/tags/" + name);
            for (String candidate : candidates) {
                Ref ref = refs.get(candidate);
                if (ref != null && ref.getObjectId() != null) {
                    return ref.getPeeledObjectId() != null ? ref.getPeeledObjectId() : ref.getObjectId();
                }
            }
            throw new GitException(GitException.Kind.UNKNOWN_COMMIT, "no branch or tag named '" + name + "' in "
                    + remote.shownUrl() + " (commits are named by full sha, branch or tag)");
        }

        private void ensurePresent(ObjectId id, String name) {
            if (has(id)) {
                return;
            }
            try {
                remote.fetchCommits(List.of(id), settings.shallow() ? 1 : 0, deadline, "commit");
            } catch (GitException e) {
                if (e.kind() != GitException.Kind.UNREACHABLE || Remote.repositoryMissing(e)) {
                    throw e;
                }
                // Servers that refuse unadvertised wants (or do not have the commit) say so the same way.
                log.info("{} did not send {} by sha ({}); fetching all its refs instead", remote.shownUrl(), id.name(),
                        e.getMessage());
                try {
                    remote.fetchAll(deadline);
                } catch (GitException all) {
                    all.addSuppressed(e);
                    throw all;
                }
            }
            if (!has(id)) {
                throw new GitException(GitException.Kind.UNKNOWN_COMMIT, "commit " + name + " is not in " + remote.shownUrl());
            }
        }

        /** The range, deepening a shallow history until the walk no longer runs into its edge. */
        History.Range range(ObjectId lastGood, ObjectId firstBad) {
            List<ObjectId> tips = List.of(lastGood, firstBad);
            int step = 0;
            while (true) {
                History.Range walked;
                try {
                    walked = History.walk(repository(), lastGood, firstBad, settings.maxCommits());
                } catch (IOException e) {
                    throw new GitException(GitException.Kind.LOCAL, "cannot walk " + lastGood.name() + ".." + firstBad.name(), e);
                }
                if (walked.complete()) {
                    return walked;
                }
                if (step > settings.deepenSteps().size()) {
                    log.warn("history of {}..{} from {} still looks shallow after fetching all of it", lastGood.name(),
                            firstBad.name(), remote.shownUrl());
                    return walked;
                }
                int depth = step < settings.deepenSteps().size() ? settings.deepenSteps().get(step) : 0;
                step++;
                deepen(tips, depth);
            }
        }

        private void deepen(List<ObjectId> tips, int depth) {
            try {
                remote.fetchCommits(tips, depth, deadline, "deepen");
            } catch (GitException e) {
                if (e.kind() != GitException.Kind.UNREACHABLE || Remote.repositoryMissing(e)) {
                    throw e;
                }
                log.info("{} refused to deepen by sha ({}); fetching all its refs instead", remote.shownUrl(), e.getMessage());
                remote.fetchAll(deadline);
            }
        }

        FileChanges diff(ObjectId from, ObjectId to) {
            try {
                return Diffs.between(repository(), from, to, settings.maxChangedFiles());
            } catch (IOException e) {
                throw new GitException(GitException.Kind.LOCAL, "cannot diff " + from.name() + " and " + to.name(), e);
            }
        }

        /**
         * The candidates none of the others reaches: of a range's boundary, the best merge bases. Walked newest first;
         * a shallow edge can only leave extra candidates, never drop one.
         */
        Set<ObjectId> newestOf(Set<ObjectId> candidates) {
            Set<ObjectId> best = new LinkedHashSet<>();
            try (RevWalk walk = new RevWalk(repository())) {
                RevFlag below = walk.newFlag("below-a-candidate");
                int pending = candidates.size();
                for (ObjectId candidate : candidates) {
                    walk.markStart(walk.parseCommit(candidate));
                }
                for (RevCommit commit : walk) {
                    if (deadline.expired()) {
                        throw new GitException(GitException.Kind.TIMEOUT, "timed out finding merge bases in " + directory);
                    }
                    if (candidates.contains(commit)) {
                        if (!commit.has(below)) {
                            best.add(commit.copy());
                        }
                        if (--pending == 0) {
                            break;
                        }
                    }
                    for (RevCommit parent : commit.getParents()) {
                        parent.add(below);
                    }
                }
            } catch (IOException e) {
                throw new GitException(GitException.Kind.LOCAL, "cannot walk the merge bases in " + directory, e);
            }
            return best;
        }

        private boolean has(ObjectId id) {
            try {
                return repository().getObjectDatabase().has(id);
            } catch (IOException e) {
                throw new GitException(GitException.Kind.LOCAL, "cannot read the object database in " + directory, e);
            }
        }

        private Repository repository() {
            return git.getRepository();
        }
    }
}
