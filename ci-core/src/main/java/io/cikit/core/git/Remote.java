package io.cikit.core.git;

import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.SubmoduleConfig.FetchRecurseSubmodulesMode;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remote side of one workspace: lists its refs and fetches commits into the workspace's repository, with the
 * configured credentials, timeouts and metrics. Every JGit failure leaves here as a {@link GitException}.
 */
final class Remote implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Remote.class);
    private static final String FETCHES = "cikit.git.fetches";
    /** Where fetched commits are kept referenced, so later fetches can name them as "have"s. */
    static final String KEEP_PREFIX = "refs/cikit/keep/";

    private final Git git;
    private final String url;
    private final Settings settings;
    private final Optional<CredentialsProvider> credentials;
    private final Optional<SshdSessionFactory> ssh;

    Remote(Git git, String url, Settings settings, Path sshHome) {
        this.git = git;
        this.url = url;
        this.settings = settings;
        String scheme = Urls.scheme(url);
        boolean http = scheme.equals("https") || scheme.equals("http");
        if (settings.credentials() instanceof GitCredentials.Token token && http) {
            credentials = Optional.of(new UsernamePasswordCredentialsProvider(token.username(), token.token().reveal()));
        } else {
            credentials = Optional.empty();
        }
        if (settings.credentials() instanceof GitCredentials.SshKey key && scheme.equals("ssh")) {
            ssh = Optional.of(SshSessions.factory(key, sshHome));
        } else {
            ssh = Optional.empty();
        }
    }

    /** The remote's URL with any user-info part hidden, for messages. */
    String shownUrl() {
        return Urls.redact(url);
    }

    /** The refs the remote advertises, by full name ({@code refs/heads/main}, {@code HEAD}). */
    Map<String, Ref> refs(Deadline deadline) {
        return run("refs", deadline, "list the refs of " + shownUrl(),
                () -> configure(git.lsRemote().setRemote(url).setHeads(false).setTags(false), deadline).callAsMap());
    }

    /**
     * Fetches the given commits, each with {@code depth} commits of history (0: all of it); deepens them when they
     * are here already.
     */
    void fetchCommits(Collection<ObjectId> ids, int depth, Deadline deadline, String kind) {
        List<RefSpec> specs = ids.stream().map(id -> new RefSpec(id.name())).toList();
        log.debug("fetching {} commit(s) from {} with depth {}", ids.size(), shownUrl(), depth == 0 ? "all" : depth);
        run(kind, deadline, "fetch " + names(ids) + " from " + shownUrl(), () -> {
            var fetch = git.fetch().setRemote(url).setRefSpecs(specs).setTagOpt(TagOpt.NO_TAGS)
                    .setRecurseSubmodules(FetchRecurseSubmodulesMode.NO).setProgressMonitor(deadline);
            if (depth > 0) {
                fetch.setDepth(depth);
            } else if (isShallow()) {
                fetch.setUnshallow(true);
            }
            return configure(fetch, deadline).call();
        });
        keep(ids);
    }

    /**
     * Fetches every ref the remote has, with all history: the fallback for servers that refuse to send a commit
     * by its sha.
     */
    void fetchAll(Deadline deadline) {
        log.debug("fetching every ref of {} with all history", shownUrl());
        run("all", deadline, "fetch all refs of " + shownUrl(), () -> {
            var fetch = git.fetch().setRemote(url).setRefSpecs(new RefSpec("+refs/*:refs/cikit/remote/*"))
                    .setTagOpt(TagOpt.NO_TAGS).setRecurseSubmodules(FetchRecurseSubmodulesMode.NO)
                    .setProgressMonitor(deadline);
            if (isShallow()) {
                fetch.setUnshallow(true);
            }
            return configure(fetch, deadline).call();
        });
    }

    boolean isShallow() {
        try {
            return !git.getRepository().getObjectDatabase().getShallowCommits().isEmpty();
        } catch (IOException e) {
            throw new GitException(GitException.Kind.LOCAL, "cannot read the shallow commits of the workspace", e);
        }
    }

    /** Whether a failure says the repository itself does not exist (rather than that it refused a request). */
    static boolean repositoryMissing(GitException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof NoRemoteRepositoryException || t instanceof InvalidRemoteException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        ssh.ifPresent(SshdSessionFactory::close);
    }

    private <C extends TransportCommand<C, ?>> C configure(C command, Deadline deadline) {
        command.setTimeout(deadline.transportTimeoutSeconds(settings.ioTimeout()));
        credentials.ifPresent(command::setCredentialsProvider);
        ssh.ifPresent(factory -> command.setTransportConfigCallback(transport -> {
            if (transport instanceof SshTransport sshTransport) {
                sshTransport.setSshSessionFactory(factory);
            }
        }));
        return command;
    }

    private void keep(Collection<ObjectId> ids) {
        Repository repo = git.getRepository();
        for (ObjectId id : ids) {
            try {
                if (!repo.getObjectDatabase().has(id)) {
                    continue;
                }
                RefUpdate update = repo.updateRef(KEEP_PREFIX + id.name());
                update.setNewObjectId(id);
                update.setForceUpdate(true);
                update.update();
            } catch (IOException e) {
                throw new GitException(GitException.Kind.LOCAL, "cannot record fetched commit " + id.name(), e);
            }
        }
    }

    private interface Call<T> {
        T call() throws GitAPIException;
    }

    private <T> T run(String kind, Deadline deadline, String what, Call<T> call) {
        if (deadline.expired()) {
            throw new GitException(GitException.Kind.TIMEOUT, "no time left to " + what + " (timeout " + settings.timeout() + ")");
        }
        Timer.Sample sample = Timer.start(settings.registry());
        String outcome = "ok";
        try {
            return call.call();
        } catch (GitAPIException | RuntimeException e) {
            if (e instanceof GitException) {
                throw (GitException) e;
            }
            GitException failure = failure(what, e, deadline);
            outcome = failure.kind().name().toLowerCase(Locale.ROOT);
            throw failure;
        } finally {
            sample.stop(Timer.builder(FETCHES).description("git fetches and ref listings from remotes")
                    .tag("kind", kind).tag("outcome", outcome).register(settings.registry()));
        }
    }

    private GitException failure(String what, Exception e, Deadline deadline) {
        String reason = Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName());
        if (deadline.expired() || timedOut(e)) {
            return new GitException(GitException.Kind.TIMEOUT, "timed out trying to " + what + " (timeout "
                    + settings.timeout() + ", stall limit " + settings.ioTimeout() + "): " + reason, e);
        }
        if (e instanceof GitAPIException || causedBy(e, org.eclipse.jgit.errors.TransportException.class)) {
            boolean missing = e instanceof InvalidRemoteException || causedBy(e, NoRemoteRepositoryException.class);
            return new GitException(GitException.Kind.UNREACHABLE, "could not " + what
                    + (missing ? ": repository not found" : "") + ": " + reason, e);
        }
        return new GitException(GitException.Kind.LOCAL, "could not " + what + ": " + reason, e);
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedIOException) {
                return true;
            }
            String message = t.getMessage();
            if (message != null && (message.contains("timed out") || message.contains("Timeout"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String names(Collection<ObjectId> ids) {
        return ids.stream().map(ObjectId::name).reduce((a, b) -> a + ", " + b).orElse("nothing");
    }
}
