package io.cikit.vcs.gitlab.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cikit.core.event.CommitInfo;
import io.cikit.core.json.Json;
import io.cikit.core.json.MalformedJsonException;
import io.cikit.vcs.gitlab.GitLabComparison;
import io.cikit.vcs.gitlab.GitLabFileDiff;
import io.cikit.vcs.gitlab.GitLabNote;
import io.cikit.vcs.gitlab.GitLabPipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** GitLab REST API replies onto the client's value types. Tolerant of missing fields; ids are required. */
public final class GitLabReplies {
    private GitLabReplies() {
    }

    public static GitLabNote note(JsonNode n) {
        long id = Json.number(n, "id").orElseThrow(() -> new MalformedJsonException("GitLab note without id"));
        return new GitLabNote(id, Json.text(n, "body").orElse(""), Json.nonBlank(n, "author", "username"),
                Json.bool(n, false, "system"));
    }

    public static List<GitLabNote> notes(JsonNode array) {
        return elements(array, "notes").stream().map(GitLabReplies::note).toList();
    }

    public static GitLabFileDiff diff(JsonNode d) {
        String newPath = Json.text(d, "new_path").orElse("");
        return new GitLabFileDiff(Json.text(d, "old_path").orElse(newPath), newPath, Json.text(d, "diff").orElse(""),
                Json.bool(d, false, "new_file"), Json.bool(d, false, "renamed_file"), Json.bool(d, false, "deleted_file"),
                Json.nonBlank(d, "a_mode"), Json.nonBlank(d, "b_mode"), Json.bool(d, false, "too_large"),
                Json.bool(d, false, "collapsed"));
    }

    public static List<GitLabFileDiff> diffs(JsonNode array) {
        return elements(array, "diffs").stream().map(GitLabReplies::diff).toList();
    }

    public static GitLabComparison comparison(JsonNode c) {
        if (!c.isObject()) {
            throw new MalformedJsonException("GitLab compare reply is not an object");
        }
        List<CommitInfo> commits = new ArrayList<>();
        for (JsonNode commit : elements(Json.at(c, "commits"), "commits")) {
            Optional<String> sha = Json.nonBlank(commit, "id");
            sha.ifPresent(s -> commits.add(new CommitInfo(s, Json.text(commit, "message").orElse(""),
                    GitLabModel.person(Json.nonBlank(commit, "author_name"), Optional.empty(), Json.nonBlank(commit, "author_email")),
                    Json.text(commit, "created_at").flatMap(GitLabTimestamps::parse), Json.nonBlank(commit, "web_url"),
                    List.of(), List.of(), List.of())));
        }
        JsonNode diffs = Json.at(c, "diffs");
        return new GitLabComparison(commits, diffs.isArray() ? diffs(diffs) : List.of(),
                Json.bool(c, false, "compare_timeout"), Json.nonBlank(c, "web_url"));
    }

    public static GitLabPipeline pipeline(JsonNode p) {
        long id = Json.number(p, "id").orElseThrow(() -> new MalformedJsonException("GitLab pipeline reply without id"));
        return new GitLabPipeline(id, Json.text(p, "ref").orElse(""), Json.nonBlank(p, "sha"),
                Json.text(p, "status").orElse(""), Json.nonBlank(p, "web_url"));
    }

    private static List<JsonNode> elements(JsonNode array, String what) {
        if (!array.isArray()) {
            throw new MalformedJsonException("GitLab " + what + " reply is not a JSON array");
        }
        List<JsonNode> out = new ArrayList<>(array.size());
        array.forEach(out::add);
        return out;
    }
}
