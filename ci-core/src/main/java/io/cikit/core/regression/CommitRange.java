package io.cikit.core.regression;

import io.cikit.core.event.CommitInfo;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a change entered: the range (last good commit, first bad commit]. The culprit is one of the commits after
 * {@code lastGood} up to and including {@code firstBad}.
 *
 * @param lastGood the newest commit known to be good; empty when nothing before was good
 * @param firstBad the first commit showing the change
 * @param candidates the commits in the range, oldest first, when a {@link CommitLog} was given; at most
 *         {@link #MAX_CANDIDATES} (the newest are kept)
 */
public record CommitRange(Optional<String> lastGood, String firstBad, List<CommitInfo> candidates) {

    /** The most candidate commits a range carries. */
    public static final int MAX_CANDIDATES = 100;

    private static final Logger LOG = LoggerFactory.getLogger(CommitRange.class);

    public CommitRange {
        Objects.requireNonNull(lastGood, "lastGood");
        Objects.requireNonNull(firstBad, "firstBad");
        candidates = List.copyOf(candidates.size() > MAX_CANDIDATES
                ? candidates.subList(candidates.size() - MAX_CANDIDATES, candidates.size())
                : candidates);
    }

    /**
     * The range, with its candidates listed through the commit log when there is one and the range has a start. A
     * failing commit log is logged and leaves the candidates empty: attribution never breaks detection.
     */
    public static CommitRange resolve(Optional<String> lastGood, String firstBad, Optional<CommitLog> log) {
        List<CommitInfo> candidates = List.of();
        if (log.isPresent() && lastGood.isPresent() && !lastGood.get().equals(firstBad)) {
            try {
                candidates = log.get().between(lastGood.get(), firstBad);
            } catch (RuntimeException e) {
                LOG.warn("Could not list commits {}..{}: {}", lastGood.get(), firstBad, e.toString());
            }
        }
        return new CommitRange(lastGood, firstBad, candidates);
    }

    /** {@code good..bad} with abbreviated shas, or {@code ..bad} without a good commit. */
    public String shortText() {
        return lastGood.map(CommitRange::abbreviate).orElse("") + ".." + abbreviate(firstBad);
    }

    /** The first 12 characters of a sha (or the whole string when shorter). */
    public static String abbreviate(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) : sha;
    }
}
