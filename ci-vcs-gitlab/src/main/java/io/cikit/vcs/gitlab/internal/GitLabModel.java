package io.cikit.vcs.gitlab.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cikit.core.event.CommitInfo;
import io.cikit.core.event.Person;
import io.cikit.core.event.Repository;
import io.cikit.core.json.Json;
import io.cikit.core.json.JsonProjection;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Maps GitLab's JSON objects (project, user, commit) onto cikit's value types.
 *
 * <p>Each mapping has a {@link JsonProjection} beside it naming every field it reads: the streamed hooks read only
 * those. A field read here but missing from its projection would be absent from streamed events (the property test
 * comparing streamed and full-tree events catches it).
 */
public final class GitLabModel {
    /** What {@link #repository} reads. */
    static final JsonProjection PROJECT = JsonProjection.fields("web_url", "homepage", "path_with_namespace", "id",
            "git_http_url", "http_url", "git_ssh_url", "ssh_url", "default_branch");
    /** What {@link #person(JsonNode)} reads. */
    static final JsonProjection PERSON = JsonProjection.fields("name", "username", "email");
    /** What {@link #commit} reads. */
    static final JsonProjection COMMIT = JsonProjection.fields("id", "message", "timestamp", "url")
            .with("author", PERSON)
            .with("added", JsonProjection.elements(JsonProjection.SCALAR))
            .with("modified", JsonProjection.elements(JsonProjection.SCALAR))
            .with("removed", JsonProjection.elements(JsonProjection.SCALAR));
    /** What {@link #labelTitles} reads. */
    static final JsonProjection LABELS = JsonProjection.elements(JsonProjection.fields("title"));

    /** What GitLab sends instead of an email address the user keeps private. */
    static final String REDACTED = "[REDACTED]";

    private GitLabModel() {
    }

    /**
     * A GitLab {@code project} object as a repository. The full name is {@code path_with_namespace}; payloads from
     * old instances carry only URLs, so the path is taken from {@code web_url} or {@code homepage} then.
     */
    public static Optional<Repository> repository(JsonNode project) {
        if (!project.isObject()) {
            return Optional.empty();
        }
        Optional<String> htmlUrl = Json.nonBlank(project, "web_url").or(() -> Json.nonBlank(project, "homepage"));
        Optional<String> fullName = Json.nonBlank(project, "path_with_namespace").or(() -> htmlUrl.flatMap(GitLabModel::urlPath));
        if (fullName.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Repository(fullName.get(), Json.nonBlank(project, "id"),
                Json.nonBlank(project, "git_http_url").or(() -> Json.nonBlank(project, "http_url")),
                Json.nonBlank(project, "git_ssh_url").or(() -> Json.nonBlank(project, "ssh_url")),
                htmlUrl, Json.nonBlank(project, "default_branch")));
    }

    /**
     * The repository of a hook: its {@code project}, else its legacy {@code repository} object; the id from the
     * top-level {@code project_id} when the project object has none.
     */
    public static Optional<Repository> repositoryOf(JsonNode payload) {
        Optional<Repository> repo = repository(Json.at(payload, "project")).or(() -> repository(Json.at(payload, "repository")));
        Optional<String> topLevelId = Json.nonBlank(payload, "project_id");
        return repo.map(r -> r.id().isPresent() || topLevelId.isEmpty() ? r
                : new Repository(r.fullName(), topLevelId, r.cloneUrl(), r.sshUrl(), r.htmlUrl(), r.defaultBranch()));
    }

    /** A GitLab user object ({@code name}, {@code username}, {@code email}). */
    public static Optional<Person> person(JsonNode user) {
        if (!user.isObject()) {
            return Optional.empty();
        }
        return person(Json.nonBlank(user, "name"), Json.nonBlank(user, "username"), Json.nonBlank(user, "email"));
    }

    /** A person from loose fields; the name falls back to the login; a redacted email is absent. */
    public static Optional<Person> person(Optional<String> name, Optional<String> login, Optional<String> email) {
        Optional<String> shown = name.or(() -> login);
        if (shown.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Person(shown.get(), login, email.filter(e -> !e.equals(REDACTED))));
    }

    /** A commit as push, merge request and pipeline hooks list it ({@code id} is the sha). */
    public static Optional<CommitInfo> commit(JsonNode c) {
        Optional<String> sha = Json.nonBlank(c, "id");
        if (sha.isEmpty() || !c.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new CommitInfo(sha.get(), Json.text(c, "message").orElse(""), person(Json.at(c, "author")),
                Json.text(c, "timestamp").flatMap(GitLabTimestamps::parse), Json.nonBlank(c, "url"),
                Json.strings(c, "added"), Json.strings(c, "modified"), Json.strings(c, "removed")));
    }

    public static List<CommitInfo> commits(JsonNode array) {
        List<CommitInfo> out = new ArrayList<>();
        if (array.isArray()) {
            for (JsonNode c : array) {
                commit(c).ifPresent(out::add);
            }
        }
        return out;
    }

    /** The {@code title}s of a GitLab label array, in order. */
    public static List<String> labelTitles(JsonNode labels) {
        List<String> out = new ArrayList<>();
        if (labels.isArray()) {
            for (JsonNode label : labels) {
                Json.nonBlank(label, "title").ifPresent(out::add);
            }
        }
        return out;
    }

    private static Optional<String> urlPath(String url) {
        try {
            String path = URI.create(url).getPath();
            if (path == null) {
                return Optional.empty();
            }
            String trimmed = path.replaceAll("^/+|/+$", "");
            if (trimmed.endsWith(".git")) {
                trimmed = trimmed.substring(0, trimmed.length() - 4);
            }
            return trimmed.isEmpty() ? Optional.empty() : Optional.of(trimmed);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
