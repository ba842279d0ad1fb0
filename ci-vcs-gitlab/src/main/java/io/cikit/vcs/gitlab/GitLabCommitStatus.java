package io.cikit.vcs.gitlab;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A commit status to set: its state, {@code name} (the context: one status per sha and name), and optionally a
 * {@code target_url}, a description, the {@code ref} and the {@code pipeline_id} it belongs to.
 * Descriptions longer than {@value #MAX_DESCRIPTION_CHARS} characters are cut by the client.
 */
public record GitLabCommitStatus(GitLabCommitState state, String name, Optional<String> targetUrl,
        Optional<String> description, Optional<String> ref, OptionalLong pipelineId) {

    /** Longest description sent; longer ones are cut with an ellipsis. */
    public static final int MAX_DESCRIPTION_CHARS = 255;

    public GitLabCommitStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a commit status needs a name (its context)");
        }
        Objects.requireNonNull(targetUrl, "targetUrl");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(pipelineId, "pipelineId");
    }

    public static Builder builder(GitLabCommitState state, String name) {
        return new Builder(state, name);
    }

    /** Builds a {@link GitLabCommitStatus}. Not thread-safe. */
    public static final class Builder {
        private final GitLabCommitState state;
        private final String name;
        private Optional<String> targetUrl = Optional.empty();
        private Optional<String> description = Optional.empty();
        private Optional<String> ref = Optional.empty();
        private OptionalLong pipelineId = OptionalLong.empty();

        private Builder(GitLabCommitState state, String name) {
            this.state = state;
            this.name = name;
        }

        public Builder targetUrl(String url) {
            this.targetUrl = Optional.of(url);
            return this;
        }

        public Builder description(String text) {
            this.description = Optional.of(text);
            return this;
        }

        public Builder ref(String ref) {
            this.ref = Optional.of(ref);
            return this;
        }

        public Builder pipelineId(long id) {
            this.pipelineId = OptionalLong.of(id);
            return this;
        }

        public GitLabCommitStatus build() {
            return new GitLabCommitStatus(state, name, targetUrl, description, ref, pipelineId);
        }
    }
}
