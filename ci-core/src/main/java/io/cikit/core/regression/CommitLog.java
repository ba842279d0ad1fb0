package io.cikit.core.regression;

import io.cikit.core.event.CommitInfo;
import java.util.List;

/**
 * Lists the commits in a range, so a regression can name its culprit candidates. A git workspace implements it;
 * tests pass a lambda over a list.
 *
 * <p>Implementations may throw {@link io.cikit.core.CiException}; callers in this package log that and carry on
 * without candidates.
 */
@FunctionalInterface
public interface CommitLog {

    /** The commits after {@code fromExclusive} up to and including {@code toInclusive}, oldest first. */
    List<CommitInfo> between(String fromExclusive, String toInclusive);
}
