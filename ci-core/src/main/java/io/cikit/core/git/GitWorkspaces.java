package io.cikit.core.git;

import io.cikit.core.config.ConfigurationException;
import io.cikit.core.config.Durations;
import io.cikit.core.event.Repository;
import io.cikit.core.trigger.ChangedFiles;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Opens {@link GitWorkspace}s: configured once per host (where temporary directories go, credentials, timeouts,
 * limits), then asked for a workspace per repository and commit.
 *
 * <pre>{@code
 * GitWorkspaces workspaces = GitWorkspaces.builder()
 *         .credentials(GitCredentials.token(token))
 *         .build();
 * try (GitWorkspace ws = workspaces.checkout("https://github.com/o/r.git", sha)) {
 *     build(ws.directory());
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe; every workspace it opens has its own directory and may be used on its own thread.
 * Defaults: the system temporary directory, no credentials, remotes over {@code https} and {@code ssh} only, a
 * 10-minute timeout per operation and a 60-second stall timeout, shallow fetches, at most 1,000 commits per range and
 * 10,000 files per diff. Fetches are timed in {@code cikit.git.fetches} (tags {@code kind} = {@code commit},
 * {@code deepen}, {@code all}, {@code refs}; {@code outcome} = {@code ok} or a {@link GitException.Kind}).
 *
 * @throws ConfigurationException (from {@link Builder#build()}) listing every bad option, and from the open
 *     methods for a URL whose scheme is not allowed
 */
public final class GitWorkspaces {
    /** The most commits a range listing may be asked for. */
    public static final int MAX_COMMITS_LIMIT = 1_000_000;
    /** The most changed files a diff may be asked for. */
    public static final int MAX_CHANGED_FILES_LIMIT = 1_000_000;

    private final Settings settings;

    private GitWorkspaces(Settings settings) {
        this.settings = settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Workspaces with every default: anonymous access, system temporary directory. */
    public static GitWorkspaces defaults() {
        return builder().build();
    }

    /**
     * An empty workspace for {@code url}: a fresh directory with an empty repository. Nothing is fetched until a
     * method needs a commit.
     *
     * @throws ConfigurationException if the URL does not parse or its scheme is not allowed
     * @throws GitException ({@link GitException.Kind#LOCAL LOCAL}) if the directory cannot be created
     */
    public GitWorkspace open(String url) {
        Objects.requireNonNull(url, "url");
        Urls.check(url, settings.allowedSchemes());
        return GitWorkspace.create(settings, url);
    }

    /**
     * A workspace for {@code url} with {@code commit} (a full sha, branch or tag name) checked out, detached. On
     * any failure the directory is removed before the exception is thrown.
     *
     * @throws GitException when the commit is unknown, the remote cannot be reached, or time runs out
     */
    public GitWorkspace checkout(String url, String commit) {
        Objects.requireNonNull(commit, "commit");
        GitWorkspace workspace = open(url);
        try {
            workspace.checkout(commit);
            return workspace;
        } catch (RuntimeException | Error e) {
            closeAfterFailure(workspace, e);
            throw e;
        }
    }

    /** The commits of {@code range} in {@code url}, fetched into a workspace that is removed again. */
    public CommitLog commits(String url, CommitRange range) {
        Objects.requireNonNull(range, "range");
        try (GitWorkspace workspace = open(url)) {
            return workspace.commits(range);
        }
    }

    /**
     * The culprit-candidate lookup {@link io.cikit.core.regression.RegressionDetector} takes: the commits in
     * {@code (lastGood, firstBad]} of {@code url}, oldest first, fetched into a workspace per call. A failure throws a
     * {@link GitException}, which the detector logs before carrying on without candidates.
     */
    public io.cikit.core.regression.CommitLog culprits(String url) {
        Objects.requireNonNull(url, "url");
        return (lastGood, firstBad) -> {
            List<io.cikit.core.event.CommitInfo> newestFirst = commits(url, new CommitRange(lastGood, firstBad)).commits();
            List<io.cikit.core.event.CommitInfo> oldestFirst = new java.util.ArrayList<>(newestFirst);
            java.util.Collections.reverse(oldestFirst);
            return List.copyOf(oldestFirst);
        };
    }

    /**
     * A {@link ChangedFiles} lookup for {@link io.cikit.core.trigger.TriggerPolicy} path filters that fetches into a
     * temporary workspace per call: the repository's {@code sshUrl} when the credentials are an SSH key, else its
     * {@code cloneUrl}. See {@link #changedFiles(Function)}.
     */
    public ChangedFiles changedFiles() {
        boolean ssh = settings.credentials() instanceof GitCredentials.SshKey;
        return changedFiles(repo -> ssh ? repo.sshUrl() : repo.cloneUrl());
    }

    /**
     * A {@link ChangedFiles} lookup that fetches from the URL {@code urlOf} names for a repository (a mirror, say).
     * It answers like GitHub's compare {@code base...head}: the files changed on {@code head}'s side since it forked
     * from {@code base} (when the two share several merge bases, the files changed since any of them). It answers
     * empty ("unknown") when the repository has no URL, a commit cannot be fetched, the range holds more than the
     * maximum commits, or more files changed than the maximum; failures are logged, never thrown.
     */
    public ChangedFiles changedFiles(Function<Repository, Optional<String>> urlOf) {
        return new WorkspaceChangedFiles(this, Objects.requireNonNull(urlOf, "urlOf"));
    }

    private static void closeAfterFailure(GitWorkspace workspace, Throwable failure) {
        try {
            workspace.close();
        } catch (RuntimeException cleanup) {
            failure.addSuppressed(cleanup);
        }
    }

    /** Options for {@link GitWorkspaces}; each setter replaces what an earlier call set. */
    public static final class Builder {
        private Path baseDirectory = Path.of(System.getProperty("java.io.tmpdir"));
        private GitCredentials credentials = GitCredentials.none();
        private Duration timeout = Duration.ofMinutes(10);
        private Duration ioTimeout = Duration.ofSeconds(60);
        private int maxCommits = 1000;
        private int maxChangedFiles = 10_000;
        private boolean shallow = true;
        private List<Integer> deepenSteps = List.of(100, 1000, 10_000);
        private Set<String> allowedSchemes = Set.of("https", "ssh");
        private MeterRegistry registry = Metrics.globalRegistry;

        private Builder() {
        }

        /**
         * Where workspace directories are made (each a new {@code cikit-git-*} directory inside it; created if
         * missing). Default: {@code java.io.tmpdir}.
         */
        public Builder baseDirectory(Path directory) {
            baseDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** How to authenticate. Default: {@link GitCredentials#none()}. */
        public Builder credentials(GitCredentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /**
         * The longest one workspace operation may take, all its fetches together (a checkout, a range listing, a
         * diff); past it the fetch is cancelled and a {@link GitException.Kind#TIMEOUT TIMEOUT} thrown. Default: 10
         * minutes.
         */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * The longest a connection may stay silent (connect, read), rounded up to whole seconds as JGit counts
         * them. Default: 60 seconds.
         */
        public Builder ioTimeout(Duration timeout) {
            this.ioTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** The most commits a range listing returns (the newest are kept). Default: 1,000. */
        public Builder maxCommits(int max) {
            maxCommits = max;
            return this;
        }

        /** The most changed files a diff returns (the first by path are kept). Default: 10,000. */
        public Builder maxChangedFiles(int max) {
            maxChangedFiles = max;
            return this;
        }

        /**
         * Whether commits are fetched shallow (only the commit, history deepened on demand when a range needs it).
         * When false every fetch brings the whole history of the commits asked for. Default: true.
         */
        public Builder shallow(boolean shallow) {
            this.shallow = shallow;
            return this;
        }

        /**
         * URL schemes a remote may use. Default: {@code https} and {@code ssh} (which includes scp-like
         * {@code git@host:path}). Add {@code http} for a plain-HTTP lab mirror, {@code file} for local repositories:
         * neither is on by default because URLs often come from webhook payloads.
         */
        public Builder allowSchemes(String... schemes) {
            LinkedHashSet<String> set = new LinkedHashSet<>();
            for (String scheme : schemes) {
                set.add(scheme.toLowerCase(Locale.ROOT));
            }
            allowedSchemes = Set.copyOf(set);
            return this;
        }

        /** Where fetches are timed. Default: {@code Metrics.globalRegistry}. */
        public Builder meterRegistry(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** The depths a shallow history is deepened to, one after another, before the whole history is fetched. */
        Builder deepenSteps(List<Integer> steps) {
            deepenSteps = List.copyOf(steps);
            return this;
        }

        /** @throws ConfigurationException listing every problem found */
        public GitWorkspaces build() {
            List<String> problems = new ArrayList<>();
            Durations.problemIfNotPositive("git timeout", timeout).ifPresent(problems::add);
            Durations.problemIfNotPositive("git ioTimeout", ioTimeout).ifPresent(problems::add);
            // JGit takes the I/O timeout as an int of seconds
            if (ioTimeout.toSeconds() >= Integer.MAX_VALUE) {
                problems.add("git ioTimeout must be below " + Integer.MAX_VALUE + " seconds: " + ioTimeout);
            }
            if (maxCommits < 1 || maxCommits > MAX_COMMITS_LIMIT) {
                problems.add("git maxCommits must be between 1 and " + MAX_COMMITS_LIMIT + ", was " + maxCommits);
            }
            if (maxChangedFiles < 1 || maxChangedFiles > MAX_CHANGED_FILES_LIMIT) {
                problems.add("git maxChangedFiles must be between 1 and " + MAX_CHANGED_FILES_LIMIT + ", was " + maxChangedFiles);
            }
            if (allowedSchemes.isEmpty() || allowedSchemes.stream().anyMatch(String::isBlank)) {
                problems.add("git allowSchemes needs at least one non-blank scheme, was " + allowedSchemes);
            }
            if (credentials instanceof GitCredentials.SshKey key) {
                checkSshFiles(key, problems);
            }
            if (deepenSteps.stream().anyMatch(step -> step < 1)) {
                problems.add("git deepen steps must be positive, were " + deepenSteps);
            }
            if (!problems.isEmpty()) {
                throw new ConfigurationException(problems);
            }
            return new GitWorkspaces(new Settings(baseDirectory.toAbsolutePath(), credentials, timeout, ioTimeout,
                    maxCommits, maxChangedFiles, shallow, deepenSteps, allowedSchemes, registry));
        }

        private static void checkSshFiles(GitCredentials.SshKey key, List<String> problems) {
            if (!Files.isRegularFile(key.privateKey()) || !Files.isReadable(key.privateKey())) {
                problems.add("SSH private key " + key.privateKey() + " is not a readable file");
            }
            if (key.acceptNewHosts()) {
                Path parent = key.knownHosts().toAbsolutePath().getParent();
                if (Files.exists(key.knownHosts()) ? !Files.isRegularFile(key.knownHosts()) : parent == null || !Files.isDirectory(parent)) {
                    problems.add("SSH known-hosts file " + key.knownHosts() + " is not a file and cannot be created");
                }
            } else if (!Files.isRegularFile(key.knownHosts()) || !Files.isReadable(key.knownHosts())) {
                problems.add("SSH known-hosts file " + key.knownHosts() + " is not a readable file (hosts are checked "
                        + "strictly; use SshKey.acceptingNewHosts() to trust on first use)");
            }
        }
    }
}
