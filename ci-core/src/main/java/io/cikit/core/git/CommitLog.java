package io.cikit.core.git;

import io.cikit.core.event.CommitInfo;
import java.util.List;

/**
 * The commits of a {@link CommitRange}, newest first (the order {@code git log} prints them: by commit time, so a
 * parent may precede a child only when committers' clocks were wrong). Each {@link CommitInfo} carries the sha,
 * the full message (its first line is the subject; cut at 65,536 characters, ending in
 * {@code [message cut by cikit]}), the author (name and e-mail) and the author time; its file lists are empty.
 *
 * @param truncated true when the range holds more commits than the configured maximum; {@code commits} then holds
 *     the newest ones
 */
public record CommitLog(List<CommitInfo> commits, boolean truncated) {
    public CommitLog {
        commits = List.copyOf(commits);
    }

    /** The shas, in the same order. */
    public List<String> shas() {
        return commits.stream().map(CommitInfo::sha).toList();
    }
}
