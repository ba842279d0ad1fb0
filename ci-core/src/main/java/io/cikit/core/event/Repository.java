package io.cikit.core.event;

import java.util.Objects;
import java.util.Optional;

/**
 * A repository as the provider names it.
 *
 * @param fullName {@code owner/name} (GitHub) or {@code group/subgroup/project} (GitLab)
 * @param id the provider's numeric or opaque id, when given (GitLab API calls take it)
 */
public record Repository(String fullName, Optional<String> id, Optional<String> cloneUrl, Optional<String> sshUrl,
        Optional<String> htmlUrl, Optional<String> defaultBranch) {
    public Repository {
        Objects.requireNonNull(fullName, "fullName");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(cloneUrl, "cloneUrl");
        Objects.requireNonNull(sshUrl, "sshUrl");
        Objects.requireNonNull(htmlUrl, "htmlUrl");
        Objects.requireNonNull(defaultBranch, "defaultBranch");
    }

    /** A repository known only by name. */
    public static Repository named(String fullName) {
        return new Repository(fullName, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The part after the last {@code /}. */
    public String name() {
        int slash = fullName.lastIndexOf('/');
        return slash < 0 ? fullName : fullName.substring(slash + 1);
    }

    /** The part before the last {@code /} (owner or group path); empty string when there is none. */
    public String owner() {
        int slash = fullName.lastIndexOf('/');
        return slash < 0 ? "" : fullName.substring(0, slash);
    }
}
