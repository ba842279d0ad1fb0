package io.cikit.core.report;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * A status to set on a commit: its state, the context it is reported under ({@code cikit/rpi4/kselftest}), an
 * optional one-line description and an optional link to details.
 *
 * <p>The description may be of any length: clients cut it to their provider's limit (GitHub: 140 characters, with
 * an ellipsis) rather than let the provider reject it.
 *
 * @param context the name the status is reported under; one status per context is kept per commit
 */
public record CommitStatus(StatusState state, String context, Optional<String> description, Optional<URI> targetUrl) {
    public CommitStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(targetUrl, "targetUrl");
        if (context.isBlank()) {
            throw new IllegalArgumentException("a commit status needs a non-blank context");
        }
    }

    /** A status with neither description nor link. */
    public static CommitStatus of(StatusState state, String context) {
        return new CommitStatus(state, context, Optional.empty(), Optional.empty());
    }

    /** A copy with this description. */
    public CommitStatus withDescription(String description) {
        return new CommitStatus(state, context, Optional.of(description), targetUrl);
    }

    /** A copy with this details link. */
    public CommitStatus withTargetUrl(URI targetUrl) {
        return new CommitStatus(state, context, description, Optional.of(targetUrl));
    }

    /**
     * A context made of parts joined with {@code /}, blank parts left out: {@code context("cikit", "rpi4", "boot")}
     * is {@code cikit/rpi4/boot}. One context per board and suite keeps their statuses apart.
     *
     * @throws IllegalArgumentException when every part is blank
     */
    public static String context(String... parts) {
        StringJoiner joined = new StringJoiner("/");
        for (String part : parts) {
            String p = Objects.requireNonNull(part, "part").strip();
            if (!p.isEmpty()) {
                joined.add(p);
            }
        }
        if (joined.length() == 0) {
            throw new IllegalArgumentException("a context needs at least one non-blank part");
        }
        return joined.toString();
    }
}
