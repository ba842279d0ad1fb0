package io.cikit.core.event;

import java.util.Locale;
import java.util.Objects;

/**
 * Where an event came from: a VCS or CI system, named by a lower-case id. The well-known ones are constants;
 * providers added through the SPI bring their own names.
 */
public record Provider(String id) {
    public static final Provider GITHUB = new Provider("github");
    public static final Provider GITLAB = new Provider("gitlab");
    public static final Provider JENKINS = new Provider("jenkins");
    public static final Provider GITHUB_ACTIONS = new Provider("actions");
    public static final Provider GITLAB_CI = new Provider("gitlab-ci");

    public Provider {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("provider id must not be blank");
        }
        id = id.toLowerCase(Locale.ROOT);
    }

    public static Provider of(String id) {
        return new Provider(id);
    }

    @Override
    public String toString() {
        return id;
    }
}
