package io.cikit.vcs.github;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * A check run GitHub created or updated.
 *
 * @param id GitHub's id of the run, for later updates
 * @param htmlUrl where a person can see it
 * @param requests how many requests it took (one, plus one per further batch of 50 annotations)
 */
public record CheckRunRef(long id, Optional<URI> htmlUrl, int requests) {
    public CheckRunRef {
        Objects.requireNonNull(htmlUrl, "htmlUrl");
    }
}
