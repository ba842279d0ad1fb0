package io.cikit.core.trigger;

import io.cikit.core.config.ConfigurationException;
import io.cikit.core.event.BranchEvent;
import io.cikit.core.event.BuildEvent;
import io.cikit.core.event.CiEvent;
import io.cikit.core.event.CommentEvent;
import io.cikit.core.event.GenericEvent;
import io.cikit.core.event.PullRequestAction.Kind;
import io.cikit.core.event.PullRequestEvent;
import io.cikit.core.event.PushEvent;
import io.cikit.core.event.TagEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether an event should start tests and on which commits: the seeds' {@code should_trigger_tests(event)}
 * and {@code get_commits_to_test(event)} in one call, {@link #decide(CiEvent)}.
 *
 * <p>Built with {@link #builder()}; every option has a documented default, and {@code TriggerPolicy.defaults()}
 * takes them all: every branch and tag, pull requests opened/synchronized/reopened/ready for review (drafts
 * skipped, forks tested), {@code /retest} and {@code /test} comments from anyone, the head commit of a push.
 * Branch, tag and path names are matched with globs ({@code *} and {@code ?} stay within a path segment,
 * {@code **} crosses {@code /}, {@code {a,b}} alternatives, {@code [abc]} classes); an exclude always wins over an
 * include. See {@code docs/trigger.md} for the decision table.
 *
 * <p>Immutable and thread-safe; {@link #decide} never throws. It may block only inside the {@link ChangedFiles}
 * lookup, which it calls when path filters are set and the event does not list its changed files. Each decision is
 * counted in {@code cikit.trigger.decisions} (tags {@code event}, {@code outcome} = {@code run}|{@code skip}) and
 * logged at DEBUG with its reason.
 */
public final class TriggerPolicy {
    private static final Logger log = LoggerFactory.getLogger(TriggerPolicy.class);
    private static final String DECISIONS = "cikit.trigger.decisions";

    /** The most commits {@code testEachCommit} may test per push; GitHub lists at most 2048 per push. */
    public static final int MAX_COMMITS_LIMIT = 2048;

    private final Settings settings;
    private final MeterRegistry registry;
    private final PushRules pushes;
    private final PullRequestRules pullRequests;
    private final CommentRules comments;
    private final RefRules refs;

    private TriggerPolicy(Settings settings, MeterRegistry registry) {
        this.settings = settings;
        this.registry = registry;
        PathRules paths = new PathRules(settings.paths(), settings.changedFiles(), registry);
        this.pushes = new PushRules(settings, paths);
        this.pullRequests = new PullRequestRules(settings, paths);
        this.comments = new CommentRules(settings, pullRequests);
        this.refs = new RefRules(settings);
    }

    /** A policy with every default. */
    public static TriggerPolicy defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this policy's options, to change some. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.includeBranches = settings.branches().includePatterns();
        b.excludeBranches = settings.branches().excludePatterns();
        b.includeTags = settings.tags().includePatterns();
        b.excludeTags = settings.tags().excludePatterns();
        b.includeBaseBranches = settings.baseBranches().includePatterns();
        b.excludeBaseBranches = settings.baseBranches().excludePatterns();
        b.includePaths = settings.paths().includePatterns();
        b.excludePaths = settings.paths().excludePatterns();
        b.changedFiles = settings.changedFiles();
        b.extraSkipMarkers = settings.extraSkipMarkers();
        b.skipOnPullRequestTitle = settings.skipOnPullRequestTitle();
        b.pullRequestActions = settings.pullRequestActions();
        b.skipDrafts = settings.skipDrafts();
        b.requiredLabels = settings.requiredLabels();
        b.forbiddenLabels = settings.forbiddenLabels();
        b.testForks = settings.testForks();
        b.testTags = settings.testTags();
        b.testNewBranches = settings.testNewBranches();
        b.commentCommands = settings.commentCommands();
        b.allowedCommenters = List.copyOf(settings.allowedCommenters());
        b.testEachCommit = settings.testEachCommit();
        b.maxCommitsPerPush = settings.maxCommitsPerPush();
        b.registry = registry;
        return b;
    }

    /**
     * Whether {@code event} should start tests, why, and on which commits (oldest first). Never throws: an event
     * this policy cannot judge is skipped with a reason saying so, and a failing {@link ChangedFiles} lookup means
     * "test anyway".
     */
    public TriggerDecision decide(CiEvent event) {
        TriggerDecision decision;
        if (event instanceof PushEvent push) {
            decision = pushes.decide(push);
        } else if (event instanceof PullRequestEvent pr) {
            decision = pullRequests.decide(pr);
        } else if (event instanceof CommentEvent comment) {
            decision = comments.decide(comment);
        } else if (event instanceof TagEvent tag) {
            decision = refs.decide(tag);
        } else if (event instanceof BranchEvent branch) {
            decision = refs.decide(branch);
        } else if (event instanceof BuildEvent build) {
            decision = TriggerDecision.skip("build " + build.build().buildId()
                    + ": builds are decided by BuildIntegration, not by the trigger policy");
        } else if (event instanceof GenericEvent generic) {
            decision = TriggerDecision.skip("'" + generic.eventName() + "' event: generic events carry nothing to test");
        } else {
            // Unreachable while CiEvent stays sealed as it is; a new kind of event is skipped, never thrown on.
            decision = TriggerDecision.skip(event.type().wireName() + " event: the trigger policy does not judge this kind of event");
        }
        registry.counter(DECISIONS, "event", event.type().wireName(), "outcome", decision.trigger() ? "run" : "skip").increment();
        log.debug("{} {}: {} ({})", event.provider(), event.type().wireName(), decision.trigger() ? "run" : "skip", decision.reason());
        return decision;
    }

    @Override
    public String toString() {
        return "TriggerPolicy" + settings;
    }

    /**
     * Collects a {@link TriggerPolicy}'s options. Each setter replaces what an earlier call set. Not thread-safe.
     * {@link #build()} checks everything at once and throws one {@link ConfigurationException} listing every
     * problem (malformed glob, blank marker or command, {@code maxCommitsPerPush} out of range).
     */
    public static final class Builder {
        private List<String> includeBranches = List.of();
        private List<String> excludeBranches = List.of();
        private List<String> includeTags = List.of();
        private List<String> excludeTags = List.of();
        private List<String> includeBaseBranches = List.of();
        private List<String> excludeBaseBranches = List.of();
        private List<String> includePaths = List.of();
        private List<String> excludePaths = List.of();
        private Optional<ChangedFiles> changedFiles = Optional.empty();
        private List<String> extraSkipMarkers = List.of();
        private boolean skipOnPullRequestTitle;
        private Set<Kind> pullRequestActions = Set.of(Kind.OPENED, Kind.SYNCHRONIZED, Kind.REOPENED, Kind.READY_FOR_REVIEW);
        private boolean skipDrafts = true;
        private List<String> requiredLabels = List.of();
        private List<String> forbiddenLabels = List.of();
        private boolean testForks = true;
        private boolean testTags = true;
        private boolean testNewBranches = true;
        private List<String> commentCommands = List.of("/retest", "/test");
        private List<String> allowedCommenters = List.of();
        private boolean testEachCommit;
        private int maxCommitsPerPush = 20;
        private MeterRegistry registry = Metrics.globalRegistry;

        private Builder() {
        }

        /** Branch globs a push or branch event must match. Default: none, which means every branch. */
        public Builder includeBranches(String... globs) {
            includeBranches = List.of(globs);
            return this;
        }

        /** Branch globs that are never tested, even when an include matches. Default: none. */
        public Builder excludeBranches(String... globs) {
            excludeBranches = List.of(globs);
            return this;
        }

        /** Tag globs a tag push or tag event must match. Default: none, which means every tag. */
        public Builder includeTags(String... globs) {
            includeTags = List.of(globs);
            return this;
        }

        /** Tag globs that are never tested, even when an include matches. Default: none. */
        public Builder excludeTags(String... globs) {
            excludeTags = List.of(globs);
            return this;
        }

        /**
         * Globs a pull request's base (target) branch must match, for PR events and comment commands. Default:
         * none, which means every base branch.
         */
        public Builder includePullRequestBaseBranches(String... globs) {
            includeBaseBranches = List.of(globs);
            return this;
        }

        /** Base-branch globs whose pull requests are never tested. Default: none. */
        public Builder excludePullRequestBaseBranches(String... globs) {
            excludeBaseBranches = List.of(globs);
            return this;
        }

        /**
         * Path globs of which a push or pull request must change at least one file (relative to the repository
         * root). Default: none, which means any change (and no file lists are looked at).
         */
        public Builder includePaths(String... globs) {
            includePaths = List.of(globs);
            return this;
        }

        /**
         * Path globs whose files do not count as changes: an event whose every changed file is excluded (or not
         * included) is skipped. Default: none.
         */
        public Builder excludePaths(String... globs) {
            excludePaths = List.of(globs);
            return this;
        }

        /**
         * Where to find changed files when the payload does not list them (pull requests; pushes whose commit
         * list is empty or truncated). Default: none, and such events are tested (fail open).
         */
        public Builder changedFiles(ChangedFiles lookup) {
            changedFiles = Optional.of(Objects.requireNonNull(lookup, "lookup"));
            return this;
        }

        /**
         * Markers that skip a push when its head commit message contains them (case-insensitive), on top of the
         * built-in {@code [skip ci]}, {@code [ci skip]}, {@code [no ci]}, {@code [skip actions]},
         * {@code [actions skip]} and the {@code skip-checks: true} trailer, which always apply. Default: none.
         */
        public Builder extraSkipMarkers(String... markers) {
            extraSkipMarkers = List.of(markers);
            return this;
        }

        /** Whether a skip marker in a pull request's title skips its PR events. Default: false. */
        public Builder skipOnPullRequestTitle(boolean skip) {
            skipOnPullRequestTitle = skip;
            return this;
        }

        /**
         * The pull request actions that start tests. Default: OPENED, SYNCHRONIZED, REOPENED, READY_FOR_REVIEW.
         * Add LABELED to test when a label such as a required one is added. An empty set turns PR events off.
         */
        public Builder pullRequestActions(Set<Kind> kinds) {
            pullRequestActions = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
            return this;
        }

        /** Whether draft pull requests are skipped (until READY_FOR_REVIEW). Default: true. */
        public Builder skipDrafts(boolean skip) {
            skipDrafts = skip;
            return this;
        }

        /** Labels a pull request must all carry (case-insensitive) to be tested. Default: none. */
        public Builder requiredLabels(String... labels) {
            requiredLabels = List.of(labels);
            return this;
        }

        /** Labels any one of which keeps a pull request from being tested (case-insensitive). Default: none. */
        public Builder forbiddenLabels(String... labels) {
            forbiddenLabels = List.of(labels);
            return this;
        }

        /**
         * Whether pull requests whose head lives in another repository are tested. Default: true. When false, a
         * fork's pull request runs only through a comment command from an allowed commenter
         * ({@link #allowedCommenters}), since its code runs on the lab's hardware.
         */
        public Builder testForks(boolean test) {
            testForks = test;
            return this;
        }

        /** Whether tag pushes and tag events are tested (when a tag filter matches). Default: true. */
        public Builder testTags(boolean test) {
            testTags = test;
            return this;
        }

        /** Whether a branch created without new commits is tested on its head. Default: true. */
        public Builder testNewBranches(boolean test) {
            testNewBranches = test;
            return this;
        }

        /**
         * Commands that, at the start of a new comment on a pull request (case-insensitive, followed by whitespace
         * or the end), start tests on its head. Default: {@code /retest}, {@code /test}. None turns commands off.
         */
        public Builder commentCommands(String... commands) {
            commentCommands = List.of(commands);
            return this;
        }

        /** Logins (case-insensitive) whose comment commands count. Default: none, which means anyone's. */
        public Builder allowedCommenters(String... logins) {
            allowedCommenters = List.of(logins);
            return this;
        }

        /**
         * Whether a push tests each listed commit (oldest first, head last, those whose own message has a skip
         * marker left out) rather than only its head. Default: false (head only).
         */
        public Builder testEachCommit(boolean each) {
            testEachCommit = each;
            return this;
        }

        /**
         * With {@link #testEachCommit}, the most commits tested per push; the newest are kept. Default: 20; range
         * 1 to {@value TriggerPolicy#MAX_COMMITS_LIMIT}.
         */
        public Builder maxCommitsPerPush(int max) {
            maxCommitsPerPush = max;
            return this;
        }

        /** Where decisions are counted. Default: {@code Metrics.globalRegistry}. */
        public Builder meterRegistry(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** @throws ConfigurationException listing every problem found */
        public TriggerPolicy build() {
            List<String> problems = new ArrayList<>();
            GlobFilter branches = filter("branches", includeBranches, excludeBranches, problems);
            GlobFilter tags = filter("tags", includeTags, excludeTags, problems);
            GlobFilter baseBranches = filter("pull request base branches", includeBaseBranches, excludeBaseBranches, problems);
            GlobFilter paths = filter("paths", includePaths, excludePaths, problems);
            requireNotBlank("skip marker", extraSkipMarkers, problems);
            requireNotBlank("comment command", commentCommands, problems);
            requireNotBlank("label", requiredLabels, problems);
            requireNotBlank("label", forbiddenLabels, problems);
            requireNotBlank("commenter login", allowedCommenters, problems);
            if (maxCommitsPerPush < 1 || maxCommitsPerPush > MAX_COMMITS_LIMIT) {
                problems.add("maxCommitsPerPush must be between 1 and " + MAX_COMMITS_LIMIT + ", was " + maxCommitsPerPush);
            }
            if (!problems.isEmpty()) {
                throw new ConfigurationException(problems);
            }
            Settings settings = new Settings(branches, tags, baseBranches, paths, changedFiles,
                    SkipMarkers.withExtra(extraSkipMarkers), extraSkipMarkers, skipOnPullRequestTitle, pullRequestActions,
                    skipDrafts, requiredLabels, forbiddenLabels, testForks, testTags, testNewBranches,
                    commentCommands.stream().map(String::strip).toList(),
                    allowedCommenters.stream().map(l -> l.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet()),
                    testEachCommit, maxCommitsPerPush);
            return new TriggerPolicy(settings, registry);
        }

        private static GlobFilter filter(String what, List<String> include, List<String> exclude, List<String> problems) {
            int before = problems.size();
            Consumer<String> check = glob -> {
                try {
                    Glob.compile(glob);
                } catch (ConfigurationException e) {
                    problems.add(what + ": " + e.getMessage());
                }
            };
            include.forEach(check);
            exclude.forEach(check);
            return problems.size() == before ? GlobFilter.of(include, exclude) : GlobFilter.open();
        }

        private static void requireNotBlank(String what, List<String> values, List<String> problems) {
            if (values.stream().anyMatch(String::isBlank)) {
                problems.add("a " + what + " must not be blank: " + Arrays.toString(values.toArray()));
            }
        }
    }
}
