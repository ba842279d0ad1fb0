package io.cikit.examples.cli;

import io.cikit.core.build.BuildArtifact;
import io.cikit.core.build.BuildInfo;
import io.cikit.core.event.BranchEvent;
import io.cikit.core.event.BuildEvent;
import io.cikit.core.event.CiEvent;
import io.cikit.core.event.CommentEvent;
import io.cikit.core.event.CommitInfo;
import io.cikit.core.event.GenericEvent;
import io.cikit.core.event.Person;
import io.cikit.core.event.PullRequestEvent;
import io.cikit.core.event.PushEvent;
import io.cikit.core.event.Repository;
import io.cikit.core.event.TagEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Renders events as the JSON objects the command line contract (CLI.md) names. Field names are stable. */
final class EventJson {
    private EventJson() {
    }

    static Map<String, Object> event(CiEvent event) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", event.type().wireName());
        out.put("provider", event.provider().id());
        out.put("eventName", event.raw().eventName());
        event.repositoryIfKnown().ifPresent(r -> out.put("repository", repository(r)));
        if (event instanceof PushEvent push) {
            push(push, out);
        } else if (event instanceof PullRequestEvent pr) {
            pullRequest(pr, out);
        } else if (event instanceof TagEvent tag) {
            ref(tag.name(), tag.sha(), tag.action().wireName(), tag.sender(), out);
        } else if (event instanceof BranchEvent branch) {
            ref(branch.name(), branch.sha(), branch.action().wireName(), branch.sender(), out);
        } else if (event instanceof CommentEvent comment) {
            comment(comment, out);
        } else if (event instanceof BuildEvent build) {
            out.put("build", build(build.build()));
        } else if (event instanceof GenericEvent generic) {
            generic.action().ifPresent(a -> out.put("action", a));
        }
        return out;
    }

    static Map<String, Object> repository(Repository r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("fullName", r.fullName());
        out.put("cloneUrl", r.cloneUrl().orElse(null));
        out.put("htmlUrl", r.htmlUrl().orElse(null));
        out.put("defaultBranch", r.defaultBranch().orElse(null));
        r.sshUrl().ifPresent(s -> out.put("sshUrl", s));
        r.id().ifPresent(id -> out.put("id", id));
        return out;
    }

    private static void push(PushEvent push, Map<String, Object> out) {
        out.put("ref", push.ref());
        out.put("branch", push.branch().orElse(null));
        push.tag().ifPresent(t -> out.put("tag", t));
        out.put("before", push.before());
        out.put("after", push.after());
        out.put("commits", push.commits().stream().map(EventJson::commit).toList());
        out.put("totalCommits", push.totalCommits());
        out.put("commitsTruncated", push.commitsTruncated());
        out.put("created", push.created());
        out.put("deleted", push.deleted());
        out.put("forced", push.forced());
        push.sender().ifPresent(s -> out.put("sender", person(s)));
    }

    private static Map<String, Object> commit(CommitInfo c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sha", c.sha());
        out.put("message", c.message());
        out.put("added", c.added());
        out.put("modified", c.modified());
        out.put("removed", c.removed());
        c.author().ifPresent(a -> out.put("author", person(a)));
        c.timestamp().ifPresent(t -> out.put("timestamp", t.toString()));
        c.url().ifPresent(u -> out.put("url", u));
        return out;
    }

    private static void pullRequest(PullRequestEvent event, Map<String, Object> out) {
        var pr = event.pullRequest();
        out.put("action", event.action().raw());
        out.put("actionKind", event.action().kind().name().toLowerCase(java.util.Locale.ROOT));
        out.put("number", pr.number());
        out.put("title", pr.title());
        out.put("state", pr.state());
        out.put("headSha", pr.headSha());
        out.put("headRef", pr.headRef());
        out.put("baseRef", pr.baseRef());
        pr.baseSha().ifPresent(s -> out.put("baseSha", s));
        out.put("draft", pr.draft());
        out.put("merged", pr.merged());
        out.put("fromFork", pr.fromFork());
        out.put("labels", pr.labels());
        pr.url().ifPresent(u -> out.put("url", u));
        pr.author().ifPresent(a -> out.put("author", person(a)));
        event.sender().ifPresent(s -> out.put("sender", person(s)));
    }

    private static void ref(String name, String sha, String action, Optional<Person> sender, Map<String, Object> out) {
        out.put("name", name);
        out.put("sha", sha);
        out.put("action", action);
        sender.ifPresent(s -> out.put("sender", person(s)));
    }

    private static void comment(CommentEvent c, Map<String, Object> out) {
        out.put("action", c.action());
        out.put("number", c.number());
        out.put("onPullRequest", c.onPullRequest());
        out.put("commentId", c.commentId());
        out.put("body", c.body());
        c.author().ifPresent(a -> out.put("author", person(a)));
        c.url().ifPresent(u -> out.put("url", u));
        c.pullRequest().ifPresent(pr -> {
            out.put("headSha", pr.headSha());
            out.put("headRef", pr.headRef());
            out.put("baseRef", pr.baseRef());
        });
    }

    /** The build object shared by {@code webhook parse} and {@code build parse}. */
    static Map<String, Object> build(BuildInfo b) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("buildId", b.buildId());
        out.put("system", b.system());
        out.put("job", b.job());
        out.put("number", b.number().isPresent() ? b.number().getAsLong() : null);
        out.put("status", b.status().name());
        out.put("rawStatus", b.rawStatus());
        out.put("phase", b.phase().orElse(null));
        out.put("type", b.type().name());
        out.put("complete", b.complete());
        out.put("commitSha", b.commitSha().orElse(null));
        out.put("branch", b.branch().orElse(null));
        out.put("url", b.url().orElse(null));
        out.put("startedAt", b.startedAt().map(Object::toString).orElse(null));
        out.put("finishedAt", b.finishedAt().map(Object::toString).orElse(null));
        out.put("durationMillis", b.duration().map(d -> d.toMillis()).orElse(null));
        out.put("artifacts", b.artifacts().stream().map(EventJson::artifact).toList());
        out.put("parameters", b.parameters());
        out.put("metadata", b.metadata());
        return out;
    }

    private static Map<String, Object> artifact(BuildArtifact a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", a.name());
        out.put("path", a.path());
        out.put("url", a.url().map(Object::toString).orElse(null));
        out.put("kind", a.kind().wireName());
        out.put("sizeBytes", a.sizeBytes().isPresent() ? a.sizeBytes().getAsLong() : null);
        return out;
    }

    static Map<String, Object> person(Person p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", p.name());
        p.login().ifPresent(l -> out.put("login", l));
        p.email().ifPresent(e -> out.put("email", e));
        return out;
    }
}
