package io.cikit.vcs.github;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What to create or change in a GitHub check run. For {@link GitHubClient#createCheckRun} {@code name} and
 * {@code headSha} are required; for {@link GitHubClient#updateCheckRun} every field is optional and only the ones set
 * are sent. A {@code conclusion} makes GitHub mark the run completed.
 *
 * <p>Output texts may be of any length: {@code summary} and {@code text} are cut to 65535 characters with a visible
 * notice (pointing at {@code detailsUrl} when set); annotations go 50 per request. Check runs need a GitHub App
 * installation token: a personal token gets 403.
 *
 * @param title the output's title; defaults to the name (or {@code cikit}) when a summary or annotations are sent
 */
public record CheckRun(Optional<String> name, Optional<String> headSha, Optional<CheckStatus> status,
                       Optional<CheckConclusion> conclusion, Optional<URI> detailsUrl, Optional<String> externalId,
                       Optional<Instant> startedAt, Optional<Instant> completedAt, Optional<String> title,
                       Optional<String> summary, Optional<String> text, List<CheckAnnotation> annotations) {
    public CheckRun {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(headSha, "headSha");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(conclusion, "conclusion");
        Objects.requireNonNull(detailsUrl, "detailsUrl");
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(completedAt, "completedAt");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(text, "text");
        annotations = List.copyOf(Objects.requireNonNull(annotations, "annotations"));
        if (status.isPresent() && conclusion.isPresent() && status.get() != CheckStatus.COMPLETED) {
            throw new IllegalArgumentException("a check run with a conclusion is completed, not " + status.get().wireName());
        }
    }

    /** A run to create on a commit. */
    public static Builder builder(String name, String headSha) {
        return new Builder().name(name).headSha(headSha);
    }

    /** A change to an existing run. */
    public static Builder update() {
        return new Builder();
    }

    /** Whether an {@code output} object is to be sent. */
    boolean hasOutput() {
        return title.isPresent() || summary.isPresent() || text.isPresent() || !annotations.isEmpty();
    }

    /** Builds a {@link CheckRun}. Not thread-safe. */
    public static final class Builder {
        private @Nullable String name;
        private @Nullable String headSha;
        private @Nullable CheckStatus status;
        private @Nullable CheckConclusion conclusion;
        private @Nullable URI detailsUrl;
        private @Nullable String externalId;
        private @Nullable Instant startedAt;
        private @Nullable Instant completedAt;
        private @Nullable String title;
        private @Nullable String summary;
        private @Nullable String text;
        private final List<CheckAnnotation> annotations = new ArrayList<>();

        private Builder() {
        }

        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        public Builder headSha(String headSha) {
            this.headSha = Objects.requireNonNull(headSha, "headSha");
            return this;
        }

        public Builder status(CheckStatus status) {
            this.status = Objects.requireNonNull(status, "status");
            return this;
        }

        /** Also marks the run completed. */
        public Builder conclusion(CheckConclusion conclusion) {
            this.conclusion = Objects.requireNonNull(conclusion, "conclusion");
            return this;
        }

        public Builder detailsUrl(URI detailsUrl) {
            this.detailsUrl = Objects.requireNonNull(detailsUrl, "detailsUrl");
            return this;
        }

        /** The host's own id for the run, to find it again. */
        public Builder externalId(String externalId) {
            this.externalId = Objects.requireNonNull(externalId, "externalId");
            return this;
        }

        public Builder startedAt(Instant startedAt) {
            this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
            return this;
        }

        public Builder completedAt(Instant completedAt) {
            this.completedAt = Objects.requireNonNull(completedAt, "completedAt");
            return this;
        }

        public Builder title(String title) {
            this.title = Objects.requireNonNull(title, "title");
            return this;
        }

        /** Markdown; cut to 65535 characters. */
        public Builder summary(String summary) {
            this.summary = Objects.requireNonNull(summary, "summary");
            return this;
        }

        /** Markdown details below the summary; cut to 65535 characters. */
        public Builder text(String text) {
            this.text = Objects.requireNonNull(text, "text");
            return this;
        }

        public Builder annotation(CheckAnnotation annotation) {
            annotations.add(Objects.requireNonNull(annotation, "annotation"));
            return this;
        }

        public Builder annotations(List<CheckAnnotation> more) {
            more.forEach(this::annotation);
            return this;
        }

        /** @throws IllegalArgumentException for a conclusion with a status other than completed */
        public CheckRun build() {
            return new CheckRun(Optional.ofNullable(name), Optional.ofNullable(headSha), Optional.ofNullable(status),
                    Optional.ofNullable(conclusion), Optional.ofNullable(detailsUrl), Optional.ofNullable(externalId),
                    Optional.ofNullable(startedAt), Optional.ofNullable(completedAt), Optional.ofNullable(title),
                    Optional.ofNullable(summary), Optional.ofNullable(text), annotations);
        }
    }
}
