package io.cikit.vcs.gitlab.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cikit.core.event.Person;
import io.cikit.core.event.PullRequest;
import io.cikit.core.event.PullRequestAction;
import io.cikit.core.event.PullRequestAction.Kind;
import io.cikit.core.event.Repository;
import io.cikit.core.json.Json;
import io.cikit.core.json.JsonProjection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Maps a GitLab merge request (the {@code object_attributes} of a Merge Request Hook, or the {@code merge_request}
 * object of a Note Hook) onto {@link PullRequest}, and its {@code action} onto {@link PullRequestAction}.
 */
public final class GitLabMergeRequests {
    /** What {@link #pullRequest} and {@link #action} read of the merge request object. */
    static final JsonProjection MERGE_REQUEST = JsonProjection.fields("iid", "state", "draft", "work_in_progress", "url",
            "title", "source_branch", "target_branch", "source_project_id", "target_project_id", "action", "oldrev")
            .with("labels", GitLabModel.LABELS)
            .with("last_commit", JsonProjection.fields("id"))
            .with("source", GitLabModel.PROJECT)
            .with("target", JsonProjection.fields("path_with_namespace"));
    /** What {@link #action} reads of a hook's {@code changes}. */
    static final JsonProjection CHANGES = JsonProjection.fields()
            .with("draft", JsonProjection.fields("current"))
            .with("work_in_progress", JsonProjection.fields("current"))
            .with("labels", JsonProjection.fields().with("previous", GitLabModel.LABELS).with("current", GitLabModel.LABELS));

    private GitLabMergeRequests() {
    }

    /**
     * The merge request, or empty when the object carries no {@code iid}.
     *
     * @param mr the merge request object
     * @param labelsFallback the hook's top-level {@code labels}, used when the object has none
     * @param target the repository the hook is about (the target project), for the URL when the object has none
     * @param author who opened it, when the hook says
     */
    public static Optional<PullRequest> pullRequest(JsonNode mr, JsonNode labelsFallback, Optional<Repository> target,
            Optional<Person> author) {
        OptionalLong iid = Json.number(mr, "iid");
        if (!mr.isObject() || iid.isEmpty()) {
            return Optional.empty();
        }
        String state = Json.text(mr, "state").orElse("");
        List<String> labels = GitLabModel.labelTitles(Json.at(mr, "labels"));
        if (labels.isEmpty()) {
            labels = GitLabModel.labelTitles(labelsFallback);
        }
        boolean draft = Json.bool(mr, false, "draft") || Json.bool(mr, false, "work_in_progress");
        Optional<String> url = Json.nonBlank(mr, "url")
                .or(() -> target.flatMap(Repository::htmlUrl).map(u -> u + "/-/merge_requests/" + iid.getAsLong()));
        return Optional.of(new PullRequest(iid.getAsLong(), Json.text(mr, "title").orElse(""), state,
                Json.nonBlank(mr, "last_commit", "id").orElse(""), Json.text(mr, "source_branch").orElse(""),
                Json.text(mr, "target_branch").orElse(""), Optional.empty(), draft, state.equals("merged"),
                fromFork(mr), labels, url, author, sourceRepository(mr)));
    }

    /**
     * GitLab's action word, normalised. {@code update} means new commits when {@code oldrev} is present; without it,
     * a draft flag change becomes ready-for-review / converted-to-draft, added or removed labels become
     * labeled / unlabeled, anything else is an edit.
     */
    public static PullRequestAction action(String raw, JsonNode attributes, JsonNode changes) {
        Kind kind = switch (raw) {
            case "open" -> Kind.OPENED;
            case "reopen" -> Kind.REOPENED;
            case "close" -> Kind.CLOSED;
            case "merge" -> Kind.MERGED;
            case "approved", "approval" -> Kind.APPROVED;
            case "unapproved", "unapproval" -> Kind.UNAPPROVED;
            case "update" -> update(attributes, changes);
            default -> Kind.OTHER;
        };
        return PullRequestAction.of(kind, raw);
    }

    private static Kind update(JsonNode attributes, JsonNode changes) {
        if (Json.nonBlank(attributes, "oldrev").isPresent()) {
            return Kind.SYNCHRONIZED;
        }
        JsonNode draft = Json.at(changes, "draft");
        if (!draft.isObject()) {
            draft = Json.at(changes, "work_in_progress");
        }
        if (draft.isObject() && Json.at(draft, "current").isBoolean()) {
            return Json.bool(draft, false, "current") ? Kind.CONVERTED_TO_DRAFT : Kind.READY_FOR_REVIEW;
        }
        JsonNode labels = Json.at(changes, "labels");
        if (labels.isObject()) {
            Set<String> before = new HashSet<>(GitLabModel.labelTitles(Json.at(labels, "previous")));
            List<String> after = GitLabModel.labelTitles(Json.at(labels, "current"));
            if (after.stream().anyMatch(l -> !before.contains(l))) {
                return Kind.LABELED;
            }
            if (before.size() > new HashSet<>(after).size()) {
                return Kind.UNLABELED;
            }
        }
        return Kind.EDITED;
    }

    private static boolean fromFork(JsonNode mr) {
        OptionalLong source = Json.number(mr, "source_project_id");
        OptionalLong target = Json.number(mr, "target_project_id");
        if (source.isPresent() && target.isPresent()) {
            return source.getAsLong() != target.getAsLong();
        }
        Optional<String> sourcePath = Json.nonBlank(mr, "source", "path_with_namespace");
        Optional<String> targetPath = Json.nonBlank(mr, "target", "path_with_namespace");
        return sourcePath.isPresent() && targetPath.isPresent() && !sourcePath.equals(targetPath);
    }

    private static Optional<Repository> sourceRepository(JsonNode mr) {
        Optional<String> sourceId = Json.nonBlank(mr, "source_project_id");
        return GitLabModel.repository(Json.at(mr, "source")).map(r -> r.id().isPresent() || sourceId.isEmpty() ? r
                : new Repository(r.fullName(), sourceId, r.cloneUrl(), r.sshUrl(), r.htmlUrl(), r.defaultBranch()));
    }
}
