package io.cikit.core.trigger;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.cikit.core.build.BuildInfo;
import io.cikit.core.event.BranchEvent;
import io.cikit.core.event.BuildEvent;
import io.cikit.core.event.CommentEvent;
import io.cikit.core.event.CommitInfo;
import io.cikit.core.event.EventContext;
import io.cikit.core.event.GenericEvent;
import io.cikit.core.event.Person;
import io.cikit.core.event.Provider;
import io.cikit.core.event.PullRequest;
import io.cikit.core.event.PullRequestAction;
import io.cikit.core.event.PullRequestAction.Kind;
import io.cikit.core.event.PullRequestEvent;
import io.cikit.core.event.PushEvent;
import io.cikit.core.event.RawPayload;
import io.cikit.core.event.RefAction;
import io.cikit.core.event.Repository;
import io.cikit.core.event.TagEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Builds events straight from the records, with defaults that a test overrides only where it matters. */
final class TestEvents {
    static final Repository REPO = new Repository("acme/kernel", Optional.of("42"), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.of("main"));

    private TestEvents() {
    }

    /** A 40-hex sha that differs for every {@code n}. */
    static String sha(int n) {
        return String.format(Locale.ROOT, "%040x", n + 1L);
    }

    static EventContext context(String eventName) {
        return new EventContext(Provider.GITHUB, Optional.of("delivery-1"), java.time.Instant.EPOCH,
                new RawPayload(eventName, JsonNodeFactory.instance.objectNode()));
    }

    static CommitInfo commit(String sha, String message, String... modified) {
        return new CommitInfo(sha, message, Optional.empty(), Optional.empty(), Optional.empty(), List.of(), List.of(modified), List.of());
    }

    static Push push(String ref) {
        return new Push(ref);
    }

    static Push pushToBranch(String branch) {
        return new Push("refs/heads/" + branch);
    }

    static Pr pr(Kind kind) {
        return new Pr(kind);
    }

    static Comment comment(String body) {
        return new Comment(body);
    }

    static TagEvent tagEvent(String name, String sha, RefAction action) {
        return new TagEvent(context("create"), REPO, name, sha, action, Optional.empty());
    }

    static BranchEvent branchEvent(String name, String sha, RefAction action) {
        return new BranchEvent(context("create"), REPO, name, sha, action, Optional.empty());
    }

    static BuildEvent buildEvent() {
        return new BuildEvent(context("workflow_run"), BuildInfo.builder("run-1", "actions").job("kernel").commitSha(sha(1)).build(),
                Optional.of(REPO));
    }

    static GenericEvent genericEvent(String name) {
        return new GenericEvent(context(name), name, Optional.empty(), Optional.of(REPO));
    }

    /** A push; unless set, {@code after} is the last commit's sha and the head commit is that commit. */
    static final class Push {
        private final String ref;
        private String before = sha(1000);
        private Optional<String> after = Optional.empty();
        private final List<CommitInfo> commits = new ArrayList<>();
        private int totalCommits;
        private boolean truncated;
        private Optional<Optional<CommitInfo>> head = Optional.empty();
        private boolean created;
        private boolean deleted;

        private Push(String ref) {
            this.ref = ref;
        }

        Push commit(String sha, String message, String... modified) {
            commits.add(TestEvents.commit(sha, message, modified));
            return this;
        }

        Push commit(CommitInfo commit) {
            commits.add(commit);
            return this;
        }

        Push before(String sha) {
            before = sha;
            return this;
        }

        Push after(String sha) {
            after = Optional.of(sha);
            return this;
        }

        Push headCommit(Optional<CommitInfo> commit) {
            head = Optional.of(commit);
            return this;
        }

        Push truncated(int total) {
            truncated = true;
            totalCommits = total;
            return this;
        }

        Push created() {
            created = true;
            before = PushEvent.ZERO_SHA;
            return this;
        }

        Push deleted() {
            deleted = true;
            after = Optional.of(PushEvent.ZERO_SHA);
            head = Optional.of(Optional.empty());
            return this;
        }

        PushEvent build() {
            Optional<CommitInfo> last = commits.isEmpty() ? Optional.empty() : Optional.of(commits.get(commits.size() - 1));
            String afterSha = after.orElse(last.map(CommitInfo::sha).orElse(sha(2000)));
            return new PushEvent(context("push"), REPO, ref, before, afterSha, commits, totalCommits, truncated,
                    head.orElse(last), created, deleted, false, Optional.of(Person.ofLogin("pusher")));
        }
    }

    /** A pull request event: #7 from {@code feature} into {@code main}, head {@code sha(7)}, not a draft, not a fork. */
    static final class Pr {
        private final Kind kind;
        private String raw;
        private String title = "Add a driver";
        private String headSha = sha(7);
        private String baseRef = "main";
        private Optional<String> baseSha = Optional.of(sha(6));
        private boolean draft;
        private boolean fork;
        private String state = "open";
        private List<String> labels = List.of();

        private Pr(Kind kind) {
            this.kind = kind;
            this.raw = kind == Kind.SYNCHRONIZED ? "synchronize" : kind.name().toLowerCase(Locale.ROOT);
        }

        Pr raw(String value) {
            raw = value;
            return this;
        }

        Pr title(String value) {
            title = value;
            return this;
        }

        Pr headSha(String value) {
            headSha = value;
            return this;
        }

        Pr base(String ref, Optional<String> sha) {
            baseRef = ref;
            baseSha = sha;
            return this;
        }

        Pr draft() {
            draft = true;
            return this;
        }

        Pr fork() {
            fork = true;
            return this;
        }

        Pr state(String value) {
            state = value;
            return this;
        }

        Pr labels(String... values) {
            labels = List.of(values);
            return this;
        }

        PullRequest pullRequest() {
            return new PullRequest(7, title, state, headSha, "feature", baseRef, baseSha, draft, state.equals("merged"), fork,
                    labels, Optional.empty(), Optional.of(Person.ofLogin("author")), Optional.empty());
        }

        PullRequestEvent build() {
            return new PullRequestEvent(context("pull_request"), REPO, PullRequestAction.of(kind, raw), pullRequest(),
                    Optional.of(Person.ofLogin("author")));
        }
    }

    /** A new comment on pull request #7 by {@code alice}, carrying the pull request. */
    static final class Comment {
        private final String body;
        private String action = "created";
        private boolean onPullRequest = true;
        private Optional<Person> author = Optional.of(Person.ofLogin("alice"));
        private Optional<PullRequest> pullRequest = Optional.of(pr(Kind.OPENED).pullRequest());

        private Comment(String body) {
            this.body = body;
        }

        Comment action(String value) {
            action = value;
            return this;
        }

        Comment onIssue() {
            onPullRequest = false;
            pullRequest = Optional.empty();
            return this;
        }

        Comment by(Optional<Person> value) {
            author = value;
            return this;
        }

        Comment pullRequest(Optional<PullRequest> value) {
            pullRequest = value;
            return this;
        }

        CommentEvent build() {
            return new CommentEvent(context("issue_comment"), REPO, 7, onPullRequest, "c-1", body, action, author,
                    Optional.empty(), pullRequest, author);
        }
    }
}
