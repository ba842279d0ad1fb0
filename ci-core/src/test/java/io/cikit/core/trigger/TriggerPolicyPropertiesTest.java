package io.cikit.core.trigger;

import static io.cikit.core.trigger.TestEvents.REPO;
import static io.cikit.core.trigger.TestEvents.context;
import static org.assertj.core.api.Assertions.assertThat;

import io.cikit.core.event.BranchEvent;
import io.cikit.core.event.CiEvent;
import io.cikit.core.event.CommentEvent;
import io.cikit.core.event.CommitInfo;
import io.cikit.core.event.Person;
import io.cikit.core.event.PullRequest;
import io.cikit.core.event.PullRequestAction;
import io.cikit.core.event.PullRequestAction.Kind;
import io.cikit.core.event.PullRequestEvent;
import io.cikit.core.event.PushEvent;
import io.cikit.core.event.RefAction;
import io.cikit.core.event.TagEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class TriggerPolicyPropertiesTest {

    @Property(tries = 500)
    void aSkipMarkerAnywhereInTheHeadCommitMessageInAnyCaseNeverTriggersAPush(@ForAll("policies") TriggerPolicy policy,
            @ForAll("pushes") PushEvent push, @ForAll("markers") String marker, @ForAll("messages") String before,
            @ForAll("messages") String after) {
        CommitInfo head = new CommitInfo(push.after(), before + marker + after, Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(), List.of("src/a.c"), List.of());
        PushEvent marked = new PushEvent(push.context(), push.repository(), push.ref(), push.before(), push.after(),
                push.commits(), push.totalCommits(), push.commitsTruncated(), Optional.of(head), push.created(),
                push.deleted(), push.forced(), push.sender());

        TriggerDecision decision = policy.decide(marked);

        assertThat(decision.trigger()).as(decision.reason()).isFalse();
    }

    @Property(tries = 300)
    void aMarkedHeadCommitIsTheReasonAnOtherwiseTestedBranchPushIsSkipped(@ForAll("markers") String marker,
            @ForAll("messages") String before, @ForAll("messages") String after, @ForAll("commitLists") List<CommitInfo> older) {
        TestEvents.Push push = TestEvents.pushToBranch("main");
        older.forEach(push::commit);
        push.commit(TestEvents.sha(99), before + marker + after);

        TriggerDecision decision = TriggerPolicy.builder().meterRegistry(new SimpleMeterRegistry()).build().decide(push.build());

        assertThat(decision.trigger()).isFalse();
        assertThat(decision.reason()).startsWith("skipped: head commit says [");
    }

    @Property(tries = 1000)
    void decideNeverThrowsOnRandomPushesAndTestsOnlyShasThePushNamed(@ForAll("policies") TriggerPolicy policy,
            @ForAll("pushes") PushEvent push) {
        TriggerDecision decision = policy.decide(push);

        Set<String> named = new HashSet<>(List.of(push.before(), push.after()));
        push.commits().forEach(c -> named.add(c.sha()));
        push.headCommit().ifPresent(c -> named.add(c.sha()));
        assertWellFormed(decision, named);
    }

    @Property(tries = 500)
    void testEachCommitTestsDistinctShasWithinTheCapEndingWithTheHead(@ForAll("pushes") PushEvent push,
            @ForAll("caps") int cap) {
        TriggerPolicy policy = TriggerPolicy.builder().testEachCommit(true).maxCommitsPerPush(cap)
                .meterRegistry(new SimpleMeterRegistry()).build();

        TriggerDecision decision = policy.decide(push);

        assertThat(decision.commits()).hasSizeLessThanOrEqualTo(cap).doesNotHaveDuplicates();
        if (!decision.commits().isEmpty()) {
            assertThat(decision.commits()).endsWith(push.after());
        }
    }

    @Property(tries = 1000)
    void decideNeverThrowsOnOtherRandomVcsEventsAndTestsOnlyShasTheyNamed(@ForAll("policies") TriggerPolicy policy,
            @ForAll("vcsEvents") CiEvent event) {
        TriggerDecision decision = policy.decide(event);

        assertWellFormed(decision, shasNamedBy(event));
    }

    @Property(tries = 300)
    void anExcludedBranchIsNeverTestedWhateverTheIncludes(@ForAll("pushes") PushEvent push, @ForAll("globs") String glob,
            @ForAll("globs") String include) {
        TriggerPolicy policy = TriggerPolicy.builder().includeBranches(include, glob).excludeBranches(glob)
                .meterRegistry(new SimpleMeterRegistry()).build();

        TriggerDecision decision = policy.decide(push);

        if (push.branch().isPresent() && Glob.compile(glob).matches(push.branch().get())) {
            assertThat(decision.trigger()).isFalse();
        }
    }

    private static void assertWellFormed(TriggerDecision decision, Set<String> named) {
        assertThat(decision.reason()).isNotBlank();
        assertThat(named).containsAll(decision.commits());
        if (!decision.trigger()) {
            assertThat(decision.commits()).isEmpty();
        }
    }

    private static Set<String> shasNamedBy(CiEvent event) {
        if (event instanceof PullRequestEvent pr) {
            return Set.of(pr.pullRequest().headSha());
        }
        if (event instanceof CommentEvent comment) {
            return comment.pullRequest().map(p -> Set.of(p.headSha())).orElse(Set.of());
        }
        if (event instanceof TagEvent tag) {
            return Set.of(tag.sha());
        }
        if (event instanceof BranchEvent branch) {
            return Set.of(branch.sha());
        }
        return Set.of();
    }

    // ---- policies

    @Provide
    Arbitrary<TriggerPolicy> policies() {
        Arbitrary<List<String>> globLists = globs().list().ofMaxSize(2);
        Arbitrary<ChangedFiles> lookups = Arbitraries.of(
                ChangedFiles.unavailable(),
                (repo, base, head) -> Optional.of(List.of("src/a.c", "docs/x.md")),
                (repo, base, head) -> Optional.of(List.of()),
                (repo, base, head) -> {
                    throw new IllegalStateException("down");
                },
                (repo, base, head) -> null);
        return Combinators.combine(globLists, globLists, globLists, globLists, Arbitraries.of(true, false),
                Arbitraries.integers().between(1, 5), lookups, Arbitraries.of(true, false))
                .as((inBranches, exBranches, inPaths, exPaths, each, max, lookup, flags) -> TriggerPolicy.builder()
                        .includeBranches(inBranches.toArray(String[]::new))
                        .excludeBranches(exBranches.toArray(String[]::new))
                        .includeTags(inBranches.toArray(String[]::new))
                        .includePaths(inPaths.toArray(String[]::new))
                        .excludePaths(exPaths.toArray(String[]::new))
                        .includePullRequestBaseBranches(exBranches.toArray(String[]::new))
                        .testEachCommit(each)
                        .maxCommitsPerPush(max)
                        .changedFiles(lookup)
                        .testForks(flags)
                        .skipDrafts(flags)
                        .testTags(flags)
                        .testNewBranches(!flags)
                        .skipOnPullRequestTitle(flags)
                        .requiredLabels(flags ? new String[] {"ok"} : new String[0])
                        .allowedCommenters(flags ? new String[] {"alice"} : new String[0])
                        .meterRegistry(new SimpleMeterRegistry())
                        .build());
    }

    @Provide
    Arbitrary<String> globs() {
        Arbitrary<String> token = Arbitraries.of("main", "a", "/", "*", "**", "?", "[ab]", "{a,b/*}", "src/", "v", ".md");
        return token.list().ofMinSize(1).ofMaxSize(4).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<Integer> caps() {
        return Arbitraries.integers().between(1, 6);
    }

    // ---- pushes

    @Provide
    Arbitrary<PushEvent> pushes() {
        return Combinators.combine(refs(), shas(), shas(), commitLists(), Arbitraries.of(true, false),
                        commits().optional(0.7), Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as((ref, before, after, commits, truncated, head, created, deleted) -> new PushEvent(context("push"), REPO, ref,
                        before, after, commits, truncated ? commits.size() + 5 : commits.size(), truncated, head, created,
                        deleted, false, Optional.empty()));
    }

    @Provide
    Arbitrary<List<CommitInfo>> commitLists() {
        return commits().list().ofMaxSize(5);
    }

    @Provide
    Arbitrary<String> markers() {
        Arbitrary<String> marker = Arbitraries.of("[skip ci]", "[ci skip]", "[no ci]", "[skip actions]", "[actions skip]");
        Arbitrary<List<Boolean>> upper = Arbitraries.of(true, false).list().ofSize(20);
        return Combinators.combine(marker, upper).as((m, flags) -> {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < m.length(); i++) {
                char c = m.charAt(i);
                out.append(flags.get(i % flags.size()) ? Character.toUpperCase(c) : c);
            }
            return out.toString();
        });
    }

    @Provide
    Arbitrary<String> messages() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().withChars("ab \n\r[]skipci-:").ofMaxLength(40));
    }

    private Arbitrary<String> refs() {
        return Arbitraries.oneOf(
                names().map(n -> "refs/heads/" + n),
                names().map(n -> "refs/tags/" + n),
                Arbitraries.strings().ofMaxLength(20));
    }

    private Arbitrary<String> names() {
        return Arbitraries.oneOf(
                Arbitraries.of("main", "release/1", "docs/x", "a", "b/a", "v1.0", "src"),
                Arbitraries.strings().withChars("ab/-_.*[{").ofMaxLength(10),
                Arbitraries.strings().ofMaxLength(10));
    }

    private Arbitrary<String> shas() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, 6).map(TestEvents::sha),
                Arbitraries.just(PushEvent.ZERO_SHA),
                Arbitraries.strings().ofMaxLength(41));
    }

    private Arbitrary<CommitInfo> commits() {
        Arbitrary<List<String>> files = Arbitraries.oneOf(
                Arbitraries.of("src/a.c", "docs/x.md", "README.md", "a/b/c", "src/x/y.md"),
                Arbitraries.strings().ofMaxLength(12)).list().ofMaxSize(3);
        return Combinators.combine(shas(), Arbitraries.oneOf(messages(), markers()), files, files, files)
                .as((sha, message, added, modified, removed) -> new CommitInfo(sha, message, Optional.empty(), Optional.empty(),
                        Optional.empty(), added, modified, removed));
    }

    // ---- other events

    @Provide
    Arbitrary<CiEvent> vcsEvents() {
        return Arbitraries.oneOf(pullRequestEvents(), commentEvents(), tagEvents(), branchEvents(),
                Arbitraries.just(TestEvents.buildEvent()), Arbitraries.just(TestEvents.genericEvent("ping")));
    }

    private Arbitrary<PullRequest> pullRequests() {
        Arbitrary<List<String>> labels = Arbitraries.of("ok", "OK", "wip", "x").list().ofMaxSize(3);
        Arbitrary<String> states = Arbitraries.of("open", "opened", "closed", "merged", "locked", "");
        return Combinators.combine(Arbitraries.oneOf(messages(), markers()), states, shas(), names(), shas().optional(),
                        Arbitraries.of(true, false).list().ofSize(3), labels)
                .as((title, state, head, base, baseSha, flags, labelList) -> new PullRequest(3, title, state, head, "topic",
                        base, baseSha, flags.get(0), flags.get(1), flags.get(2), labelList, Optional.empty(),
                        Optional.empty(), Optional.empty()));
    }

    private Arbitrary<CiEvent> pullRequestEvents() {
        return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.strings().ofMaxLength(10), pullRequests())
                .as((kind, raw, pr) -> new PullRequestEvent(context("pull_request"), REPO, PullRequestAction.of(kind, raw), pr,
                        Optional.empty()));
    }

    private Arbitrary<CiEvent> commentEvents() {
        Arbitrary<String> bodies = Arbitraries.oneOf(messages(),
                Combinators.combine(Arbitraries.of("/retest", "/test", "/TEST", " /retest"), messages()).as(String::concat));
        Arbitrary<String> actions = Arbitraries.of("created", "edited", "deleted", "CREATED", "");
        Arbitrary<Optional<Person>> authors = Arbitraries.of("alice", "ALICE", "bob").map(Person::ofLogin).optional();
        return Combinators.combine(bodies, actions, authors, pullRequests().optional(), Arbitraries.of(true, false))
                .as((body, action, author, pr, onPr) -> new CommentEvent(context("issue_comment"), REPO, 3, onPr, "c", body,
                        action, author, Optional.empty(), pr, Optional.empty()));
    }

    private Arbitrary<CiEvent> tagEvents() {
        return Combinators.combine(names(), shas(), Arbitraries.of(RefAction.class))
                .as((name, sha, action) -> new TagEvent(context("create"), REPO, name, sha, action, Optional.empty()));
    }

    private Arbitrary<CiEvent> branchEvents() {
        return Combinators.combine(names(), shas(), Arbitraries.of(RefAction.class))
                .as((name, sha, action) -> new BranchEvent(context("create"), REPO, name, sha, action, Optional.empty()));
    }
}
