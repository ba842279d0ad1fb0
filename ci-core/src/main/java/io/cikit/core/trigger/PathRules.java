package io.cikit.core.trigger;

import io.cikit.core.event.CommitInfo;
import io.cikit.core.event.PullRequest;
import io.cikit.core.event.PushEvent;
import io.cikit.core.event.Repository;
import io.cikit.core.trigger.GlobFilter.Verdict;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the path filters to the files an event changes, taking them from the payload when it lists them and
 * from the {@link ChangedFiles} lookup otherwise. When neither can tell, the event passes: a missed test run costs
 * more than an extra one.
 */
final class PathRules {
    private static final Logger log = LoggerFactory.getLogger(PathRules.class);
    private static final String LOOKUPS = "cikit.trigger.changed_files.lookups";

    private final GlobFilter paths;
    private final Optional<ChangedFiles> lookup;
    private final MeterRegistry registry;

    PathRules(GlobFilter paths, Optional<ChangedFiles> lookup, MeterRegistry registry) {
        this.paths = paths;
        this.lookup = lookup;
        this.registry = registry;
    }

    /**
     * The outcome of the path filters.
     *
     * @param passes whether the event goes on to be tested
     * @param note why, to append to a run's reason or to give as a skip's reason; empty when no path filter is set
     */
    record Outcome(boolean passes, String note) {
        static final Outcome NO_FILTER = new Outcome(true, "");
    }

    Outcome forPush(PushEvent push) {
        if (paths.isOpen()) {
            return Outcome.NO_FILTER;
        }
        String whyUnlisted;
        if (push.commits().isEmpty()) {
            whyUnlisted = "the payload lists no commits";
        } else if (push.commitsTruncated()) {
            whyUnlisted = "the payload's commit list is truncated";
        } else {
            Set<String> files = new LinkedHashSet<>();
            for (CommitInfo commit : push.commits()) {
                files.addAll(commit.changedFiles());
            }
            if (!files.isEmpty()) {
                return match(List.copyOf(files));
            }
            // Some payloads leave the lists empty (merge commits, providers that omit them): empty means unknown.
            whyUnlisted = "the payload's commits list no files";
        }
        Optional<String> base = PushEvent.isZeroSha(push.before()) ? push.repository().defaultBranch() : Optional.of(push.before());
        if (base.isEmpty()) {
            return unavailable(whyUnlisted + ", and a new branch has no base to compare with");
        }
        return lookUp(push.repository(), base.get(), push.after(), whyUnlisted);
    }

    Outcome forPullRequest(Repository repository, PullRequest pr) {
        if (paths.isOpen()) {
            return Outcome.NO_FILTER;
        }
        return lookUp(repository, pr.baseSha().orElse(pr.baseRef()), pr.headSha(), "pull request events list no files");
    }

    private Outcome lookUp(Repository repository, String base, String head, String whyUnlisted) {
        if (lookup.isEmpty()) {
            return unavailable(whyUnlisted + ", and no ChangedFiles lookup is configured");
        }
        Optional<List<String>> found;
        try {
            found = lookup.get().between(repository, base, head);
            // A lookup that breaks its contract (null, null paths) counts as "could not tell": decide never throws.
            found = found == null ? Optional.empty() : found.map(List::copyOf);
        } catch (RuntimeException e) {
            log.warn("changed-file lookup for {} {}...{} failed: {}", repository.fullName(), base, head, e.toString());
            registry.counter(LOOKUPS, "outcome", "failed").increment();
            return unavailable(whyUnlisted + ", and the ChangedFiles lookup failed (" + e.getClass().getSimpleName() + ")");
        }
        if (found.isEmpty()) {
            registry.counter(LOOKUPS, "outcome", "unknown").increment();
            return unavailable(whyUnlisted + ", and the ChangedFiles lookup could not tell");
        }
        registry.counter(LOOKUPS, "outcome", "found").increment();
        return match(found.get());
    }

    private static Outcome unavailable(String why) {
        return new Outcome(true, "changed-file list unavailable (" + why + "): testing anyway");
    }

    private Outcome match(List<String> files) {
        if (files.isEmpty()) {
            return new Outcome(false, "no files changed, so no path filter can match");
        }
        String excludedExample = null;
        for (String file : files) {
            Verdict verdict = paths.test(file);
            if (verdict.passes()) {
                return new Outcome(true, verdict.includedBy()
                        .map(glob -> "'" + file + "' matches path filter '" + glob.pattern() + "'")
                        .orElse("'" + file + "' is not excluded by path filters"));
            }
            if (excludedExample == null && verdict.excludedBy().isPresent()) {
                excludedExample = "'" + file + "' by '" + verdict.excludedBy().get().pattern() + "'";
            }
        }
        String count = files.size() == 1 ? "the one changed file" : "all " + files.size() + " changed files";
        if (excludedExample != null && paths.includePatterns().isEmpty()) {
            return new Outcome(false, count + " excluded by path filters (e.g. " + excludedExample + ")");
        }
        return new Outcome(false, "no changed file passes the path filters (" + files.size() + " changed, e.g. '"
                + files.get(0) + "'; include " + paths.describeIncludes() + ")");
    }
}
