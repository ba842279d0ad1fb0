package io.cikit.vcs.gitlab;

import java.util.Objects;
import java.util.Optional;

/**
 * A note (comment) on a merge request as the API returns it.
 *
 * @param author the author's username, when given
 * @param system true for notes GitLab writes itself ("added 1 commit")
 */
public record GitLabNote(long id, String body, Optional<String> author, boolean system) {
    public GitLabNote {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(author, "author");
    }
}
