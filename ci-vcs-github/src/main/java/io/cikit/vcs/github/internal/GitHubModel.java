package io.cikit.vcs.github.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cikit.core.event.CommitInfo;
import io.cikit.core.event.Person;
import io.cikit.core.event.PullRequest;
import io.cikit.core.event.PullRequestAction;
import io.cikit.core.event.PullRequestAction.Kind;
import io.cikit.core.event.Repository;
import io.cikit.core.json.Json;
import io.cikit.core.json.JsonProjection;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Maps GitHub's JSON objects (repository, user, commit, pull request) onto cikit's value types.
 *
 * <p>Each mapping has a {@link JsonProjection} beside it naming every field it reads: the streamed events read only
 * those. A field read here but missing from its projection would be absent from streamed events (the property test
 * comparing streamed and full-tree events catches it).
 */
public final class GitHubModel {
    private static final int MAX_OFFSET_SECONDS = 18 * 3600;

    /** What {@link #repository} reads. */
    static final JsonProjection REPOSITORY = JsonProjection.fields("full_name", "id", "clone_url", "ssh_url", "html_url",
            "default_branch", "master_branch");
    /** What {@link #person} reads. */
    static final JsonProjection PERSON = JsonProjection.fields("login", "username", "name", "email");
    /** What {@link #commit} reads. */
    static final JsonProjection COMMIT = JsonProjection.fields("id", "sha", "message", "timestamp", "url")
            .with("author", PERSON)
            .with("added", JsonProjection.elements(JsonProjection.SCALAR))
            .with("modified", JsonProjection.elements(JsonProjection.SCALAR))
            .with("removed", JsonProjection.elements(JsonProjection.SCALAR));
    /** What {@link #pullRequest} reads. */
    static final JsonProjection PULL_REQUEST = JsonProjection.fields("number", "title", "state", "draft", "merged", "html_url")
            .with("head", JsonProjection.fields("sha", "ref").with("repo", REPOSITORY))
            .with("base", JsonProjection.fields("ref", "sha").with("repo", JsonProjection.fields("full_name")))
            .with("labels", JsonProjection.elements(JsonProjection.fields("name")))
            .with("user", PERSON);

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

    /**
     * An ISO-8601 timestamp with offset ({@code 2019-05-15T15:20:30-05:00}, {@code 2019-05-15T20:20:30Z}); empty when
     * unreadable. GitHub's two usual shapes are read by hand: {@link OffsetDateTime#parse} costs about half of the
     * mapping of a push event, and every commit carries a timestamp.
     */
    public static Optional<Instant> instant(String text) {
        Optional<Instant> fast = plainInstant(text);
        if (fast.isPresent()) {
            return fast;
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** {@code yyyy-MM-ddTHH:mm:ss} followed by {@code Z} or {@code ±HH:mm}; anything else is left to the full parser. */
    static Optional<Instant> plainInstant(String t) {
        int n = t.length();
        if ((n != 20 && n != 25) || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T'
                || t.charAt(13) != ':' || t.charAt(16) != ':') {
            return Optional.empty();
        }
        int offsetSeconds;
        if (n == 20) {
            if (t.charAt(19) != 'Z') {
                return Optional.empty();
            }
            offsetSeconds = 0;
        } else {
            char sign = t.charAt(19);
            int hours = digits(t, 20, 22);
            int minutes = digits(t, 23, 25);
            if ((sign != '+' && sign != '-') || t.charAt(22) != ':' || hours < 0 || minutes < 0 || hours > 18 || minutes > 59) {
                return Optional.empty();
            }
            offsetSeconds = (sign == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 7);
        int day = digits(t, 8, 10);
        int hour = digits(t, 11, 13);
        int minute = digits(t, 14, 16);
        int second = digits(t, 17, 19);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return Optional.empty();
        }
        // the checks LocalDateTime.of and ZoneOffset.ofTotalSeconds would make, without building either (the
        // offset's look-up in ZoneOffset's cache cost more than reading the digits)
        if (Math.abs(offsetSeconds) > MAX_OFFSET_SECONDS || hour > 23 || minute > 59 || second > 59) {
            return Optional.empty();
        }
        try {
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            return Optional.of(Instant.ofEpochSecond(epochDay * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The decimal value of {@code t[from, to)}, or -1 when a character is not an ASCII digit. */
    private static int digits(String t, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
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
