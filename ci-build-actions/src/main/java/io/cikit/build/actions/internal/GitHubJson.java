package io.cikit.build.actions.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cikit.core.event.Repository;
import io.cikit.core.json.Json;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Small readers for the parts of GitHub payloads and API replies every Actions type shares. */
public final class GitHubJson {
    private GitHubJson() {
    }

    /** A repository object ({@code full_name}, {@code id}, URLs, {@code default_branch}); empty without a full name. */
    public static Optional<Repository> repository(JsonNode repo) {
        return Json.nonBlank(repo, "full_name").map(name -> new Repository(name, Json.nonBlank(repo, "id"),
                Json.nonBlank(repo, "clone_url"), Json.nonBlank(repo, "ssh_url"), Json.nonBlank(repo, "html_url"),
                Json.nonBlank(repo, "default_branch")));
    }

    /** An ISO-8601 timestamp ({@code 2021-08-05T10:34:58Z}, with fractions or an offset); empty when unreadable. */
    public static Optional<Instant> instant(JsonNode node, String... path) {
        Optional<String> text = Json.nonBlank(node, path);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text.get().strip()).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
