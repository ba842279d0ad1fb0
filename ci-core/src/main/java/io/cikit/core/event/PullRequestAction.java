package io.cikit.core.event;

import java.util.Objects;

/**
 * What happened to a pull/merge request: a normalised {@link Kind} and the provider's own word, kept as sent so an
 * action cikit does not know yet is never lost.
 */
public record PullRequestAction(Kind kind, String raw) {

    /** Normalised actions across GitHub and GitLab. */
    public enum Kind {
        OPENED,
        /** New commits pushed (GitHub {@code synchronize}, GitLab {@code update} with {@code oldrev}). */
        SYNCHRONIZED,
        REOPENED,
        CLOSED,
        MERGED,
        EDITED,
        READY_FOR_REVIEW,
        CONVERTED_TO_DRAFT,
        LABELED,
        UNLABELED,
        APPROVED,
        UNAPPROVED,
        /** Anything else; see {@link PullRequestAction#raw()}. */
        OTHER
    }

    public PullRequestAction {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(raw, "raw");
    }

    public static PullRequestAction of(Kind kind, String raw) {
        return new PullRequestAction(kind, raw);
    }

    /** Whether this action puts new code in front of tests (opened, synchronized, reopened, ready for review). */
    public boolean bringsNewCode() {
        return kind == Kind.OPENED || kind == Kind.SYNCHRONIZED || kind == Kind.REOPENED || kind == Kind.READY_FOR_REVIEW;
    }
}
