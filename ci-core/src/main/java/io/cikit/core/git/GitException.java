package io.cikit.core.git;

import io.cikit.core.CiException;
import java.util.Objects;

/**
 * A git operation failed. {@link #kind()} says how, so a host can tell a commit that does not exist (do not retry)
 * from a server that could not be reached or took too long (retry later). Messages never contain credentials; a
 * user-info part of a URL is shown as {@code ***}.
 */
public final class GitException extends CiException {
    private static final long serialVersionUID = 1L;

    /** How a git operation failed. */
    public enum Kind {
        /** The commit, branch or tag is not in the repository (checked after a full fetch). */
        UNKNOWN_COMMIT,
        /** The repository could not be reached, was not found, or refused the credentials. */
        UNREACHABLE,
        /** The operation took longer than the configured timeout, or the server stalled. */
        TIMEOUT,
        /** The local workspace could not be created, written or read. */
        LOCAL
    }

    private final Kind kind;

    public GitException(Kind kind, String message) {
        super(Urls.redact(message));
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public GitException(Kind kind, String message, Throwable cause) {
        super(Urls.redact(message), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}
