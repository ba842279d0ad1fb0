package io.cikit.core.report;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * A comment a {@link VcsClient} posted or updated.
 *
 * @param id the provider's id of the comment
 * @param url where a person can read it, when the provider says
 * @param created true when a new comment was made, false when an existing (sticky) one was updated
 */
public record CommentRef(String id, Optional<URI> url, boolean created) {
    public CommentRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
    }
}
