package io.cikit.vcs.gitlab;

import io.cikit.core.config.Secret;
import io.cikit.core.http.HttpCall;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How {@link GitLabClient} authenticates: a personal, project or group access token ({@code PRIVATE-TOKEN} header),
 * an OAuth 2 token ({@code Authorization: Bearer}), or a CI job token ({@code JOB-TOKEN}, enough for job artifacts
 * and a few other endpoints), or none for public projects. The token is sent as a secret header: never logged, never
 * sent to another origin after a redirect. Immutable and thread-safe; {@code toString()} never shows the token.
 */
public final class GitLabAuth {
    private enum Kind { PRIVATE_TOKEN, OAUTH, JOB_TOKEN, NONE }

    private static final GitLabAuth NONE = new GitLabAuth(Kind.NONE, null);

    private final Kind kind;
    private final @Nullable Secret token;

    private GitLabAuth(Kind kind, @Nullable Secret token) {
        this.kind = kind;
        this.token = token;
    }

    /** A personal, project or group access token, sent as {@code PRIVATE-TOKEN}. */
    public static GitLabAuth privateToken(Secret token) {
        return new GitLabAuth(Kind.PRIVATE_TOKEN, Objects.requireNonNull(token, "token"));
    }

    /** An OAuth 2 access token, sent as {@code Authorization: Bearer}. */
    public static GitLabAuth oauth(Secret token) {
        return new GitLabAuth(Kind.OAUTH, Objects.requireNonNull(token, "token"));
    }

    /** A CI job's {@code CI_JOB_TOKEN}, sent as {@code JOB-TOKEN}. */
    public static GitLabAuth jobToken(Secret token) {
        return new GitLabAuth(Kind.JOB_TOKEN, Objects.requireNonNull(token, "token"));
    }

    /** No credentials: public projects only. */
    public static GitLabAuth none() {
        return NONE;
    }

    /**
     * By configuration word: {@code private} (default), {@code oauth}/{@code bearer}, or {@code job}.
     *
     * @throws IllegalArgumentException for another word
     */
    public static GitLabAuth of(String type, Secret token) {
        return switch (type.trim().toLowerCase(Locale.ROOT)) {
            case "", "private", "private-token", "personal" -> privateToken(token);
            case "oauth", "bearer" -> oauth(token);
            case "job", "job-token" -> jobToken(token);
            default -> throw new IllegalArgumentException("GitLab token type must be private, oauth or job, not '" + type + "'");
        };
    }

    /** The name of the header this auth sends, empty for {@link #none()}. */
    public Optional<String> headerName() {
        return switch (kind) {
            case PRIVATE_TOKEN -> Optional.of("PRIVATE-TOKEN");
            case OAUTH -> Optional.of("Authorization");
            case JOB_TOKEN -> Optional.of("JOB-TOKEN");
            case NONE -> Optional.empty();
        };
    }

    HttpCall.Builder apply(HttpCall.Builder call) {
        return switch (kind) {
            case PRIVATE_TOKEN -> call.header("PRIVATE-TOKEN", Objects.requireNonNull(token));
            case OAUTH -> call.bearer(Objects.requireNonNull(token));
            case JOB_TOKEN -> call.header("JOB-TOKEN", Objects.requireNonNull(token));
            case NONE -> call;
        };
    }

    @Override
    public String toString() {
        return "GitLabAuth[" + kind.name().toLowerCase(Locale.ROOT) + "]";
    }
}
