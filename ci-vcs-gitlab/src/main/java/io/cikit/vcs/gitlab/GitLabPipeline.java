package io.cikit.vcs.gitlab;

import java.util.Objects;
import java.util.Optional;

/** A pipeline the API created: its id, the ref and commit it runs on, its status word and page. */
public record GitLabPipeline(long id, String ref, Optional<String> sha, String status, Optional<String> webUrl) {
    public GitLabPipeline {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(sha, "sha");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(webUrl, "webUrl");
    }
}
