package io.cikit.vcs.github.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cikit.core.build.BuildPayloadParser;
import io.cikit.core.event.BranchEvent;
import io.cikit.core.event.CommentEvent;
import io.cikit.core.event.CommitInfo;
import io.cikit.core.event.EventContext;
import io.cikit.core.event.GenericEvent;
import io.cikit.core.event.PullRequest;
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
import io.cikit.core.webhook.WebhookParser;
import java.util.List;
import java.util.Optional;

/**
 * Turns one verified GitHub delivery into an event, by its {@code X-GitHub-Event} name. The hot events ({@code push},
 * {@code pull_request}) have a {@link JsonProjection} naming what their mapping reads, so they can be mapped from a
 * streamed tree of only those fields; the mapping is the same whichever tree it is given.
 */
public final class GitHubEvents {
    private static final JsonProjection PUSH = JsonProjection.fields("ref", "before", "after", "created", "deleted", "forced")
            .with("commits", JsonProjection.elements(GitHubModel.COMMIT))
            .with("head_commit", GitHubModel.COMMIT)
            .with("repository", GitHubModel.REPOSITORY)
            .with("sender", GitHubModel.PERSON)
            .with("pusher", GitHubModel.PERSON);
    private static final JsonProjection PULL_REQUEST = JsonProjection.fields("action")
            .with("pull_request", GitHubModel.PULL_REQUEST)
            .with("repository", GitHubModel.REPOSITORY)
            .with("sender", GitHubModel.PERSON);

    private GitHubEvents() {
    }

    /**
     * Every field the mapping of this event reads, for the events worth streaming; empty for the others, which are
     * mapped from the full tree.
     */
    public static Optional<JsonProjection> projection(String eventName) {
        return switch (eventName) {
            case "push" -> Optional.of(PUSH);
            case "pull_request" -> Optional.of(PULL_REQUEST);
            default -> Optional.empty();
        };
    }

    /**
     * Maps a delivery. {@code json} is the payload's full tree, or for an event with a {@link #projection} possibly
     * only the projected tree; {@code ctx.raw()} is the full payload either way (build parsers read it).
     */
    public static ParseResult parse(String eventName, EventContext ctx, JsonNode json, WebhookParser.Context parseContext) {
        return switch (eventName) {
            case "push" -> ParseResult.event(push(ctx, json));
            case "pull_request" -> ParseResult.event(pullRequest(ctx, json));
            case "create", "delete" -> ref(ctx, json, eventName.equals("create") ? RefAction.CREATED : RefAction.DELETED);
            case "issue_comment" -> ParseResult.event(comment(ctx, json));
            case "workflow_run", "workflow_job" -> build(eventName, ctx, parseContext);
            default -> ParseResult.event(new GenericEvent(ctx, eventName, Json.nonBlank(json, "action"),
                    GitHubModel.repository(Json.at(json, "repository"))));
        };
    }

    private static Repository repository(JsonNode json) {
        return GitHubModel.repository(Json.at(json, "repository"))
                .orElseThrow(() -> new MalformedPayloadException("GitHub payload without repository.full_name"));
    }

    private static PushEvent push(EventContext ctx, JsonNode json) {
        String ref = Json.nonBlank(json, "ref").orElseThrow(() -> new MalformedPayloadException("push payload without ref"));
        String before = Json.text(json, "before").orElse(PushEvent.ZERO_SHA);
        String after = Json.text(json, "after").orElse(PushEvent.ZERO_SHA);
        List<CommitInfo> commits = GitHubModel.commits(Json.at(json, "commits"));
        Optional<CommitInfo> head = GitHubModel.commit(Json.at(json, "head_commit"));
        boolean deleted = Json.bool(json, PushEvent.isZeroSha(after), "deleted");
        boolean created = Json.bool(json, PushEvent.isZeroSha(before), "created");
        // GitHub caps the commits array (at 20 in payloads, 2048 in the API); a head commit missing from a
        // non-empty list means the list was cut.
        boolean truncated = head.isPresent() && !commits.isEmpty()
                && commits.stream().noneMatch(c -> c.sha().equals(head.get().sha()));
        return new PushEvent(ctx, repository(json), ref, before, after, commits, commits.size(), truncated, head, created,
                deleted, Json.bool(json, false, "forced"),
                GitHubModel.person(Json.at(json, "sender")).or(() -> GitHubModel.person(Json.at(json, "pusher"))));
    }

    private static PullRequestEvent pullRequest(EventContext ctx, JsonNode json) {
        JsonNode prNode = Json.at(json, "pull_request");
        if (!prNode.isObject()) {
            throw new MalformedPayloadException("pull_request payload without pull_request object");
        }
        PullRequest pr = GitHubModel.pullRequest(prNode);
        String action = Json.text(json, "action").orElse("");
        return new PullRequestEvent(ctx, repository(json), GitHubModel.pullRequestAction(action, pr.merged()), pr,
                GitHubModel.person(Json.at(json, "sender")));
    }

    private static ParseResult ref(EventContext ctx, JsonNode json, RefAction action) {
        String name = Json.text(json, "ref").orElseThrow(() -> new MalformedPayloadException(ctx.raw().eventName() + " payload without ref"));
        String refType = Json.text(json, "ref_type").orElse("");
        Repository repo = repository(json);
        var sender = GitHubModel.person(Json.at(json, "sender"));
        // create/delete payloads do not carry the sha
        String sha = Json.nonBlank(json, "sha").orElse(PushEvent.ZERO_SHA);
        return switch (refType) {
            case "tag" -> ParseResult.event(new TagEvent(ctx, repo, name, sha, action, sender));
            case "branch" -> ParseResult.event(new BranchEvent(ctx, repo, name, sha, action, sender));
            default -> ParseResult.event(new GenericEvent(ctx, ctx.raw().eventName(), Optional.of(refType), Optional.of(repo)));
        };
    }

    private static CommentEvent comment(EventContext ctx, JsonNode json) {
        JsonNode issue = Json.at(json, "issue");
        JsonNode comment = Json.at(json, "comment");
        if (!issue.isObject() || !comment.isObject()) {
            throw new MalformedPayloadException("issue_comment payload without issue or comment");
        }
        boolean onPullRequest = Json.at(issue, "pull_request").isObject();
        return new CommentEvent(ctx, repository(json), Json.number(issue, "number").orElse(0), onPullRequest,
                Json.text(comment, "id").orElse(""), Json.text(comment, "body").orElse(""),
                Json.text(json, "action").orElse("created"), GitHubModel.person(Json.at(comment, "user")),
                Json.nonBlank(comment, "html_url"), Optional.empty(), GitHubModel.person(Json.at(json, "sender")));
    }

    private static ParseResult build(String eventName, EventContext ctx, WebhookParser.Context parseContext) {
        Optional<BuildPayloadParser> parser = parseContext.buildParserFor(eventName);
        if (parser.isEmpty()) {
            return ParseResult.ignored(eventName + " needs a build parser: add io.cikit:ci-build-actions to the classpath");
        }
        try {
            return parser.get().parse(ctx).<ParseResult>map(ParseResult::event)
                    .orElseGet(() -> ParseResult.ignored(eventName + " carries no build to report"));
        } catch (MalformedJsonException e) {
            throw new MalformedPayloadException(e.getMessage(), e);
        }
    }
}
