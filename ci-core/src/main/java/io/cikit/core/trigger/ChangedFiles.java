package io.cikit.core.trigger;

import io.cikit.core.event.Repository;
import java.util.List;
import java.util.Optional;

/**
 * Looks up the paths changed between two commits when an event does not list them (a push whose commit list was
 * capped or left out, a pull request). The GitHub and GitLab clients implement it with their compare APIs.
 *
 * <p>{@link TriggerPolicy} calls it on the thread that calls {@code decide}, possibly from several threads at once,
 * so implementations must be thread-safe; they may block (a network call) and should bound their own time. An
 * empty answer means "unknown", and the policy then tests anyway. Exceptions are caught and treated the same way.
 */
@FunctionalInterface
public interface ChangedFiles {

    /**
     * The paths (relative to the repository root, {@code /}-separated) changed between {@code base} and
     * {@code head}, or empty when they cannot be known.
     *
     * @param base a sha or a branch name (a pull request's base branch when its sha is not known)
     * @param head a sha
     */
    Optional<List<String>> between(Repository repo, String base, String head);

    /** A lookup that never knows: every push without a file list in its payload is tested. */
    static ChangedFiles unavailable() {
        return (repo, base, head) -> Optional.empty();
    }
}
