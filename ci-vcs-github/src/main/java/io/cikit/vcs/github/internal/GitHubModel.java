package io.cikit.vcs.github.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cikit.core.event.CommitInfo;
import io.cikit.core.event.Person;
import io.cikit.core.event.PullRequest;
import io.cikit.core.event.PullRequestAction;
import io.cikit.core.event.PullRequestAction.Kind;
import io.cikit.core.event.Repository;
import io.cikit.core.json.Json;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Maps GitHub's JSON objects (repository, user, commit, pull request) onto cikit's value types. */
public final class GitHubModel {
    private GitHubModel() {
    }

    public static Optional<Repository> repository(JsonNode repo) {
        Optional<String> fullName = Json.nonBlank(repo, "full_name");
        if (fullName.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> defaultBranch = Json.nonBlank(repo, "default_branch").or(() -> Json.nonBlank(repo, "master_branch"));
        return Optional.of(new Repository(fullName.get(), Json.text(repo, "id"), Json.nonBlank(repo, "clone_url"),
                Json.nonBlank(repo, "ssh_url"), Json.nonBlank(repo, "html_url"), defaultBranch));
    }

    /** A GitHub user object ({@code login}) or a git identity ({@code name}, {@code email}, {@code username}). */
    public static Optional<Person> person(JsonNode node) {
        if (!node.isObject()) {
            return Optional.empty();
        }
        Optional<String> login = Json.nonBlank(node, "login").or(() -> Json.nonBlank(node, "username"));
        Optional<String> name = Json.nonBlank(node, "name").or(() -> login);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Person(name.get(), login, Json.nonBlank(node, "email")));
    }

    public static Optional<CommitInfo> commit(JsonNode c) {
        Optional<String> sha = Json.nonBlank(c, "id").or(() -> Json.nonBlank(c, "sha"));
        if (sha.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CommitInfo(sha.get(), Json.text(c, "message").orElse(""), person(Json.at(c, "author")),
                Json.text(c, "timestamp").flatMap(GitHubModel::instant), Json.nonBlank(c, "url"),
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

    public static Optional<Instant> instant(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public static PullRequest pullRequest(JsonNode pr) {
        JsonNode head = Json.at(pr, "head");
        JsonNode base = Json.at(pr, "base");
        Optional<String> headRepo = Json.nonBlank(head, "repo", "full_name");
        Optional<String> baseRepo = Json.nonBlank(base, "repo", "full_name");
        // a deleted fork leaves head.repo null: still a fork
        boolean fromFork = headRepo.isEmpty() || !headRepo.equals(baseRepo);
        List<String> labels = new ArrayList<>();
        JsonNode labelNodes = Json.at(pr, "labels");
        if (labelNodes.isArray()) {
            labelNodes.forEach(l -> Json.nonBlank(l, "name").ifPresent(labels::add));
        }
        return new PullRequest(Json.number(pr, "number").orElse(0), Json.text(pr, "title").orElse(""),
                Json.text(pr, "state").orElse(""), Json.text(head, "sha").orElse(""), Json.text(head, "ref").orElse(""),
                Json.text(base, "ref").orElse(""), Json.nonBlank(base, "sha"), Json.bool(pr, false, "draft"),
                Json.bool(pr, false, "merged"), fromFork, labels, Json.nonBlank(pr, "html_url"), person(Json.at(pr, "user")),
                repository(Json.at(head, "repo")));
    }

    public static PullRequestAction pullRequestAction(String raw, boolean merged) {
        Kind kind = switch (raw) {
            case "opened" -> Kind.OPENED;
            case "synchronize" -> Kind.SYNCHRONIZED;
            case "reopened" -> Kind.REOPENED;
            case "closed" -> merged ? Kind.MERGED : Kind.CLOSED;
            case "edited" -> Kind.EDITED;
            case "ready_for_review" -> Kind.READY_FOR_REVIEW;
            case "converted_to_draft" -> Kind.CONVERTED_TO_DRAFT;
            case "labeled" -> Kind.LABELED;
            case "unlabeled" -> Kind.UNLABELED;
            default -> Kind.OTHER;
        };
        return PullRequestAction.of(kind, raw);
    }
}
