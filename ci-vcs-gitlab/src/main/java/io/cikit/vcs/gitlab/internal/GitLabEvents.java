package io.cikit.vcs.gitlab.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cikit.core.event.CommentEvent;
import io.cikit.core.event.CommitInfo;
import io.cikit.core.event.EventContext;
import io.cikit.core.event.GenericEvent;
import io.cikit.core.event.Person;
import io.cikit.core.event.PullRequest;
import io.cikit.core.event.PullRequestAction;
import io.cikit.core.event.PullRequestEvent;
import io.cikit.core.event.PushEvent;
import io.cikit.core.event.RefAction;
import io.cikit.core.event.Repository;
import io.cikit.core.event.TagEvent;
import io.cikit.core.json.Json;
import io.cikit.core.json.JsonProjection;
import io.cikit.core.json.MalformedJsonException;
import io.cikit.core.webhook.MalformedPayloadException;
import io.cikit.core.webhook.ParseResult;
import java.util.List;
import java.util.Optional;

/**
 * Turns one verified GitLab delivery into an event, by its {@code X-Gitlab-Event} hook name. System Hook deliveries
 * (and deliveries without a hook name, named by their {@code object_kind}) are read by the body's {@code object_kind},
 * so system-wide pushes and merge requests read like project hooks. Any other hook becomes a {@link GenericEvent}.
 *
 * <p>The hot hooks (Push Hook, Tag Push Hook, Merge Request Hook) have a {@link JsonProjection} naming what their
 * mapping reads, so they can be mapped from a streamed tree of only those fields; the mapping is the same whichever
 * tree it is given.
 */
public final class GitLabEvents {
    /** What {@link #repository} and {@link #pusher} read: the top-level fields every push-like hook maps. */
    private static final JsonProjection REF_HOOK = JsonProjection.fields("ref", "before", "after", "checkout_sha",
            "project_id", "user_name", "user_username", "user_email")
            .with("project", GitLabModel.PROJECT)
            .with("repository", GitLabModel.PROJECT);
    private static final JsonProjection TAG_PUSH = REF_HOOK;
    private static final JsonProjection PUSH = REF_HOOK.with("total_commits_count", JsonProjection.SCALAR)
            .with("commits", JsonProjection.elements(GitLabModel.COMMIT));
    private static final JsonProjection MERGE_REQUEST = JsonProjection.fields("project_id")
            .with("project", GitLabModel.PROJECT)
            .with("repository", GitLabModel.PROJECT)
            .with("object_attributes", GitLabMergeRequests.MERGE_REQUEST)
            .with("labels", GitLabModel.LABELS)
            .with("changes", GitLabMergeRequests.CHANGES)
            .with("user", GitLabModel.PERSON);

    private GitLabEvents() {
    }

    /**
     * Every field the mapping of this hook reads, for the hooks worth streaming; empty for the others (and for System
     * Hook deliveries, read by {@code object_kind}), which are mapped from the full tree.
     */
    public static Optional<JsonProjection> projection(String hook) {
        return switch (hook) {
            case "Push Hook" -> Optional.of(PUSH);
            case "Tag Push Hook" -> Optional.of(TAG_PUSH);
            case "Merge Request Hook" -> Optional.of(MERGE_REQUEST);
            default -> Optional.empty();
        };
    }

    /**
     * Maps a delivery. {@code json} is the payload's full tree, or for a hook with a {@link #projection} possibly only
     * the projected tree; {@code ctx.raw()} is the full payload either way (build parsers read it).
     */
    public static ParseResult parse(EventContext ctx, JsonNode json) {
        String hook = ctx.raw().eventName();
        return switch (hook) {
            case "Push Hook" -> ParseResult.event(push(ctx, json));
            case "Tag Push Hook" -> ParseResult.event(tagPush(ctx, json));
            case "Merge Request Hook" -> ParseResult.event(mergeRequest(ctx, json));
            case "Note Hook", "Confidential Note Hook" -> note(ctx, json);
            case "Pipeline Hook", "Job Hook", "Build Hook" -> build(ctx);
            case "System Hook" -> byKind(ctx, json);
            default -> hook.equals(Json.text(json, "object_kind").orElse(null)) ? byKind(ctx, json)
                    : ParseResult.event(generic(ctx, json));
        };
    }

    private static ParseResult byKind(EventContext ctx, JsonNode json) {
        return switch (Json.text(json, "object_kind").orElse("")) {
            case "push" -> ParseResult.event(push(ctx, json));
            case "tag_push" -> ParseResult.event(tagPush(ctx, json));
            case "merge_request" -> ParseResult.event(mergeRequest(ctx, json));
            case "note" -> note(ctx, json);
            case "pipeline", "build" -> build(ctx);
            default -> ParseResult.event(generic(ctx, json));
        };
    }

    private static Repository repository(EventContext ctx, JsonNode json) {
        return GitLabModel.repositoryOf(json).orElseThrow(() -> new MalformedPayloadException(
                ctx.raw().eventName() + " payload without project.path_with_namespace"));
    }

    /** The pusher of push and tag push hooks, from the flat {@code user_*} fields. */
    private static Optional<Person> pusher(JsonNode json) {
        return GitLabModel.person(Json.nonBlank(json, "user_name"), Json.nonBlank(json, "user_username"),
                Json.nonBlank(json, "user_email"));
    }

    private static PushEvent push(EventContext ctx, JsonNode json) {
        String ref = Json.nonBlank(json, "ref").orElseThrow(() -> new MalformedPayloadException("push payload without ref"));
        String before = Json.nonBlank(json, "before").orElse(PushEvent.ZERO_SHA);
        String after = Json.nonBlank(json, "after").orElse(PushEvent.ZERO_SHA);
        boolean created = PushEvent.isZeroSha(before);
        boolean deleted = PushEvent.isZeroSha(after);
        List<CommitInfo> commits = GitLabModel.commits(Json.at(json, "commits"));
        // GitLab lists at most 20 commits (the newest); total_commits_count says how many the push carried
        long total = Math.max(commits.size(), Json.number(json, "total_commits_count").orElse(commits.size()));
        int totalCommits = (int) Math.min(Integer.MAX_VALUE, total);
        String headSha = Json.nonBlank(json, "checkout_sha").orElse(after);
        Optional<CommitInfo> head = deleted ? Optional.empty() : headCommit(commits, headSha);
        return new PushEvent(ctx, repository(ctx, json), ref, before, after, commits, totalCommits,
                totalCommits > commits.size(), head, created, deleted, false, pusher(json));
    }

    /** The commit with the head sha, else the last (newest) listed, else none. */
    private static Optional<CommitInfo> headCommit(List<CommitInfo> commits, String headSha) {
        for (CommitInfo c : commits) {
            if (c.sha().equals(headSha)) {
                return Optional.of(c);
            }
        }
        return commits.isEmpty() ? Optional.empty() : Optional.of(commits.get(commits.size() - 1));
    }

    private static TagEvent tagPush(EventContext ctx, JsonNode json) {
        String ref = Json.nonBlank(json, "ref").orElseThrow(() -> new MalformedPayloadException("tag push payload without ref"));
        String name = ref.startsWith("refs/tags/") ? ref.substring("refs/tags/".length()) : ref;
        String before = Json.nonBlank(json, "before").orElse(PushEvent.ZERO_SHA);
        String after = Json.nonBlank(json, "after").orElse(PushEvent.ZERO_SHA);
        RefAction action = PushEvent.isZeroSha(after) ? RefAction.DELETED
                : PushEvent.isZeroSha(before) ? RefAction.CREATED : RefAction.UPDATED;
        String sha = action == RefAction.DELETED ? before : Json.nonBlank(json, "checkout_sha").orElse(after);
        return new TagEvent(ctx, repository(ctx, json), name, sha, action, pusher(json));
    }

    private static PullRequestEvent mergeRequest(EventContext ctx, JsonNode json) {
        JsonNode attrs = Json.at(json, "object_attributes");
        Repository repo = repository(ctx, json);
        PullRequest pr = GitLabMergeRequests.pullRequest(attrs, Json.at(json, "labels"), Optional.of(repo), Optional.empty())
                .orElseThrow(() -> new MalformedPayloadException("merge request payload without object_attributes.iid"));
        PullRequestAction action = GitLabMergeRequests.action(Json.text(attrs, "action").orElse(""), attrs,
                Json.at(json, "changes"));
        if (action.kind() == PullRequestAction.Kind.MERGED && !pr.merged()) {
            pr = new PullRequest(pr.number(), pr.title(), pr.state(), pr.headSha(), pr.headRef(), pr.baseRef(),
                    pr.baseSha(), pr.draft(), true, pr.fromFork(), pr.labels(), pr.url(), pr.author(), pr.headRepository());
        }
        return new PullRequestEvent(ctx, repo, action, pr, GitLabModel.person(Json.at(json, "user")));
    }

    /**
     * Notes on merge requests and issues are comments; notes on commits and snippets carry no number to act on and
     * are kept as generic events.
     */
    private static ParseResult note(EventContext ctx, JsonNode json) {
        JsonNode attrs = Json.at(json, "object_attributes");
        String noteableType = Json.text(attrs, "noteable_type").orElse("");
        Repository repo = repository(ctx, json);
        Optional<Person> user = GitLabModel.person(Json.at(json, "user"));
        String commentId = Json.text(attrs, "id").orElse("");
        String body = Json.text(attrs, "note").orElse("");
        String action = commentAction(Json.text(attrs, "action").orElse(""));
        Optional<String> url = Json.nonBlank(attrs, "url");
        switch (noteableType) {
            case "MergeRequest" -> {
                PullRequest pr = GitLabMergeRequests.pullRequest(Json.at(json, "merge_request"), Json.at(json, "labels"),
                        Optional.of(repo), Optional.empty())
                        .orElseThrow(() -> new MalformedPayloadException("merge request note without merge_request.iid"));
                return ParseResult.event(new CommentEvent(ctx, repo, pr.number(), true, commentId, body, action, user, url,
                        Optional.of(pr), user));
            }
            case "Issue" -> {
                long iid = Json.number(json, "issue", "iid").orElseThrow(
                        () -> new MalformedPayloadException("issue note without issue.iid"));
                return ParseResult.event(new CommentEvent(ctx, repo, iid, false, commentId, body, action, user, url,
                        Optional.empty(), user));
            }
            default -> {
                return ParseResult.event(new GenericEvent(ctx, ctx.raw().eventName(),
                        Optional.of(noteableType.isEmpty() ? "note" : noteableType), Optional.of(repo)));
            }
        }
    }

    /** GitLab's note actions ({@code create}, {@code update}) in the words {@link CommentEvent} uses. */
    private static String commentAction(String raw) {
        return switch (raw) {
            case "", "create" -> "created";
            case "update" -> "edited";
            case "delete" -> "deleted";
            default -> raw;
        };
    }

    private static ParseResult build(EventContext ctx) {
        try {
            return GitLabBuilds.parse(ctx).<ParseResult>map(ParseResult::event)
                    .orElseGet(() -> ParseResult.ignored(ctx.raw().eventName() + " carries no build to report"));
        } catch (MalformedJsonException e) {
            throw new MalformedPayloadException(e.getMessage(), e);
        }
    }

    /** Issue, wiki, deployment, release, emoji, member, subgroup, … hooks: kept, not interpreted. */
    private static GenericEvent generic(EventContext ctx, JsonNode json) {
        Optional<String> action = Json.nonBlank(json, "object_attributes", "action")
                .or(() -> Json.nonBlank(json, "action"))
                .or(() -> Json.nonBlank(json, "event_name"))
                .or(() -> Json.nonBlank(json, "status"));
        Optional<Repository> repo = GitLabModel.repositoryOf(json)
                .or(() -> Json.nonBlank(json, "path_with_namespace").map(Repository::named));
        return new GenericEvent(ctx, ctx.raw().eventName(), action, repo);
    }
}
