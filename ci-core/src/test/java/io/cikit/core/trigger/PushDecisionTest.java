package io.cikit.core.trigger;

import static io.cikit.core.trigger.TestEvents.commit;
import static io.cikit.core.trigger.TestEvents.push;
import static io.cikit.core.trigger.TestEvents.pushToBranch;
import static io.cikit.core.trigger.TestEvents.sha;
import static org.assertj.core.api.Assertions.assertThat;

import io.cikit.core.event.PushEvent;
import io.cikit.core.event.Repository;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PushDecisionTest {
    private final TriggerPolicy defaults = TriggerPolicy.defaults();

    @Test
    void defaultPolicyTestsTheHeadOfAPushToAnyBranch() {
        PushEvent push = pushToBranch("feature/x").commit(sha(1), "one").commit(sha(2), "two").build();

        TriggerDecision decision = defaults.decide(push);

        assertThat(decision.trigger()).isTrue();
        assertThat(decision.commits()).containsExactly(sha(2));
        assertThat(decision.reason()).isEqualTo("push to feature/x (every branch is tested)");
    }

    @Nested
    class BranchFilters {
        @Test
        void aMatchingIncludeAdmitsThePushAndIsNamedInTheReason() {
            TriggerPolicy policy = TriggerPolicy.builder().includeBranches("main", "release/*").build();

            TriggerDecision decision = policy.decide(pushToBranch("main").commit(sha(1), "fix").build());

            assertThat(decision.trigger()).isTrue();
            assertThat(decision.reason()).isEqualTo("push to main matches branch filter 'main'");
        }

        @Test
        void aBranchMatchingNoIncludeIsSkipped() {
            TriggerPolicy policy = TriggerPolicy.builder().includeBranches("main", "release/*").build();

            TriggerDecision decision = policy.decide(pushToBranch("release/1/hotfix").commit(sha(1), "fix").build());

            assertThat(decision.trigger()).isFalse();
            assertThat(decision.commits()).isEmpty();
            assertThat(decision.reason()).isEqualTo("branch 'release/1/hotfix' matches no branch filter ('main', 'release/*')");
        }

        @Test
        void anExcludeWinsOverAnInclude() {
            TriggerPolicy policy = TriggerPolicy.builder().includeBranches("**").excludeBranches("docs/**").build();

            TriggerDecision decision = policy.decide(pushToBranch("docs/x").commit(sha(1), "words").build());

            assertThat(decision.trigger()).isFalse();
            assertThat(decision.reason()).isEqualTo("branch 'docs/x' excluded by 'docs/**'");
        }

        @Test
        void excludesAloneLeaveOtherBranchesTested() {
            TriggerPolicy policy = TriggerPolicy.builder().excludeBranches("wip/*").build();

            TriggerDecision decision = policy.decide(pushToBranch("main").commit(sha(1), "fix").build());

            assertThat(decision.trigger()).isTrue();
            assertThat(decision.reason()).isEqualTo("push to main (not excluded by branch filters)");
        }
    }

    @Nested
    class Deletions {
        @Test
        void aDeletedBranchIsNeverTested() {
            TriggerDecision decision = defaults.decide(pushToBranch("old").deleted().build());

            assertThat(decision.trigger()).isFalse();
            assertThat(decision.reason()).isEqualTo("branch 'old' was deleted: nothing to test");
        }

        @Test
        void anAllZeroAfterCountsAsDeletionEvenWithoutTheFlag() {
            TriggerDecision decision = defaults.decide(pushToBranch("old").after(PushEvent.ZERO_SHA).build());

            assertThat(decision.trigger()).isFalse();
            assertThat(decision.reason()).contains("deleted");
        }

        @Test
        void aDeletedTagIsNeverTested() {
            TriggerDecision decision = defaults.decide(push("refs/tags/v1").deleted().build());

            assertThat(decision.trigger()).isFalse();
            assertThat(decision.reason()).isEqualTo("tag 'v1' was deleted: nothing to test");
        }
    }

    @Test
    void aRefThatIsNeitherBranchNorTagIsSkipped() {
        TriggerDecision decision = defaults.decide(push("refs/notes/commits").commit(sha(1), "note").build());

        assertThat(decision.trigger()).isFalse();
        assertThat(decision.reason()).isEqualTo("ref 'refs/notes/commits' is neither a branch nor a tag: nothing to test");
    }

    @Nested
    class SkipMarkers {
        @ParameterizedTest
        @ValueSource(strings = {"[skip ci]", "[ci skip]", "[no ci]", "[skip actions]", "[actions skip]", "[SKIP CI]", "[Ci Skip]"})
        void everyBuiltInMarkerInTheHeadCommitSkipsInAnyCase(String marker) {
            PushEvent push = pushToBranch("main").commit(sha(1), "docs: typo " + marker + " and more").build();

            TriggerDecision decision = defaults.decide(push);

            assertThat(decision.trigger()).isFalse();
            assertThat(decision.reason()).startsWith("skipped: head commit says [");
        }

        @Test
        void theReasonQuotesTheMarker() {
            TriggerDecision decision = defaults.decide(pushToBranch("main").commit(sha(1), "wip [skip ci]").build());

            assertThat(decision.reason()).isEqualTo("skipped: head commit says [skip ci]");
        }

        @ParameterizedTest
        @ValueSource(strings = {"skip-checks: true", "skip-checks:true", "Skip-Checks: TRUE", "  skip-checks: true  "})
        void theSkipChecksTrailerOnTheLastLineSkips(String trailer) {
            PushEvent push = pushToBranch("main").commit(sha(1), "Update docs\n\n\n" + trailer + "\n").build();

            TriggerDecision decision = defaults.decide(push);

            assertThat(decision.trigger()).isFalse();
            assertThat(decision.reason()).isEqualTo("skipped: head commit has a 'skip-checks: true' trailer");
        }

        @Test
        void theTrailerMustBeLastToCount() {
            PushEvent notLast = pushToBranch("main").commit(sha(1), "Fix\n\nskip-checks: true\nSigned-off-by: A <a@x>").build();
            PushEvent inProse = pushToBranch("main").commit(sha(2), "Fix\n\nWe could use skip-checks: true here").build();
            PushEvent otherValue = pushToBranch("main").commit(sha(3), "Fix\n\nskip-checks: false").build();

            assertThat(defaults.decide(notLast).trigger()).isTrue();
            assertThat(defaults.decide(inProse).trigger()).isTrue();
            assertThat(defaults.decide(otherValue).trigger()).isTrue();
        }

        @Test
        void aMarkerInAnOlderCommitDoesNotSkipThePush() {
            PushEvent push = pushToBranch("main").commit(sha(1), "wip [skip ci]").commit(sha(2), "real change").build();

            assertThat(defaults.decide(push).trigger()).isTrue();
        }

        @Test
        void extraMarkersSkipLikeBuiltInOnesAndBuiltInOnesStillApply() {
            TriggerPolicy policy = TriggerPolicy.builder().extraSkipMarkers("[skip lab]").build();

            TriggerDecision extra = policy.decide(pushToBranch("main").commit(sha(1), "x [Skip Lab]").build());
            TriggerDecision builtIn = policy.decide(pushToBranch("main").commit(sha(2), "x [no ci]").build());

            assertThat(extra.trigger()).isFalse();
            assertThat(extra.reason()).isEqualTo("skipped: head commit says [skip lab]");
            assertThat(builtIn.trigger()).isFalse();
        }

        @Test
        void theHeadIsFoundByShaWhenThePayloadNamesNoHeadCommit() {
            PushEvent push = pushToBranch("main").commit(sha(1), "a [skip ci]").commit(sha(2), "b")
                    .after(sha(1)).headCommit(Optional.empty()).build();

            assertThat(defaults.decide(push).trigger()).isFalse();
        }

        @Test
        void aMarkedTaggedCommitSkipsTheTagPushToo() {
            TriggerDecision decision = defaults.decide(push("refs/tags/v1.0").commit(sha(1), "release 1.0 [skip ci]").build());

            assertThat(decision.trigger()).isFalse();
            assertThat(decision.reason()).isEqualTo("skipped: tagged commit says [skip ci]");
        }
    }

    @Nested
    class NewBranches {
        @Test
        void aBranchCreatedWithoutNewCommitsIsTestedOnItsHeadByDefault() {
            PushEvent push = pushToBranch("topic").created().after(sha(5))
                    .headCommit(Optional.of(commit(sha(5), "existing commit"))).build();

            TriggerDecision decision = defaults.decide(push);

            assertThat(decision.trigger()).isTrue();
            assertThat(decision.commits()).containsExactly(sha(5));
            assertThat(decision.reason()).contains("new branch with no new commits");
        }

        @Test
        void turningTestNewBranchesOffSkipsIt() {
            TriggerPolicy policy = TriggerPolicy.builder().testNewBranches(false).build();
            PushEvent push = pushToBranch("topic").created().after(sha(5)).build();

            TriggerDecision decision = policy.decide(push);

            assertThat(decision.trigger()).isFalse();
            assertThat(decision.reason()).contains("testNewBranches is off");
        }

        @Test
        void aNewBranchWithNewCommitsIsAnOrdinaryPush() {
            TriggerPolicy policy = TriggerPolicy.builder().testNewBranches(false).build();
            PushEvent push = pushToBranch("topic").created().commit(sha(1), "new work").build();

            assertThat(policy.decide(push).trigger()).isTrue();
        }
    }

    @Nested
    class Tags {
        @Test
        void aTagPushIsTestedOnTheTaggedCommitByDefault() {
            TriggerDecision decision = defaults.decide(push("refs/tags/v6.9").commit(sha(1), "Linux 6.9").build());

            assertThat(decision.trigger()).isTrue();
            assertThat(decision.commits()).containsExactly(sha(1));
            assertThat(decision.reason()).isEqualTo("tag 'v6.9' (every tag is tested)");
        }

        @Test
        void testTagsOffSkipsTagPushes() {
            TriggerPolicy policy = TriggerPolicy.builder().testTags(false).build();

            TriggerDecision decision = policy.decide(push("refs/tags/v6.9").commit(sha(1), "Linux 6.9").build());

            assertThat(decision.trigger()).isFalse();
            assertThat(decision.reason()).contains("testTags is off");
        }

        @Test
        void tagFiltersIncludeAndExcludeWins() {
            TriggerPolicy policy = TriggerPolicy.builder().includeTags("v*").excludeTags("*-rc*").build();

            TriggerDecision release = policy.decide(push("refs/tags/v6.9").commit(sha(1), "x").build());
            TriggerDecision rc = policy.decide(push("refs/tags/v6.9-rc1").commit(sha(2), "x").build());
            TriggerDecision other = policy.decide(push("refs/tags/nightly").commit(sha(3), "x").build());

            assertThat(release.reason()).isEqualTo("tag 'v6.9' matches tag filter 'v*'");
            assertThat(rc.trigger()).isFalse();
            assertThat(rc.reason()).isEqualTo("tag 'v6.9-rc1' excluded by '*-rc*'");
            assertThat(other.reason()).isEqualTo("tag 'nightly' matches no tag filter ('v*')");
        }

        @Test
        void branchFiltersDoNotApplyToTagsNorPathFilters() {
            TriggerPolicy policy = TriggerPolicy.builder().includeBranches("main").includePaths("src/**").build();

            TriggerDecision decision = policy.decide(push("refs/tags/v1").commit(sha(1), "x", "docs/a.md").build());

            assertThat(decision.trigger()).isTrue();
        }
    }

    @Nested
    class PathFilters {
        @Test
        void aChangedFileMatchingAnIncludeTriggersAndIsNamed() {
            TriggerPolicy policy = TriggerPolicy.builder().includePaths("drivers/**").build();
            PushEvent push = pushToBranch("main").commit(sha(1), "a", "README.md").commit(sha(2), "b", "drivers/gpio/x.c").build();

            TriggerDecision decision = policy.decide(push);

            assertThat(decision.trigger()).isTrue();
            assertThat(decision.reason()).isEqualTo("push to main (every branch is tested); 'drivers/gpio/x.c' matches path filter 'drivers/**'");
        }

        @Test
        void noChangedFileMatchingAnIncludeSkips() {
            TriggerPolicy policy = TriggerPolicy.builder().includePaths("drivers/**").build();
            PushEvent push = pushToBranch("main").commit(sha(1), "a", "README.md", "docs/x.md").build();

            TriggerDecision decision = policy.decide(push);

            assertThat(decision.trigger()).isFalse();
            assertThat(decision.reason()).startsWith("push to main: no changed file passes the path filters (2 changed, e.g. 'README.md'; include 'drivers/**')");
        }

        @Test
        void allChangedFilesExcludedSkips() {
            TriggerPolicy policy = TriggerPolicy.builder().excludePaths("docs/**", "*.md").build();
            PushEvent push = pushToBranch("main").commit(sha(1), "a", "docs/x.rst", "README.md").build();

            TriggerDecision decision = policy.decide(push);

            assertThat(decision.trigger()).isFalse();
            assertThat(decision.reason()).isEqualTo("push to main: all 2 changed files excluded by path filters (e.g. 'docs/x.rst' by 'docs/**')");
        }

        @Test
        void anExcludedFileDoesNotCountEvenWhenIncluded() {
            TriggerPolicy policy = TriggerPolicy.builder().includePaths("src/**").excludePaths("src/**/*.md").build();

            TriggerDecision onlyDocs = policy.decide(pushToBranch("main").commit(sha(1), "a", "src/README.md").build());
            TriggerDecision code = policy.decide(pushToBranch("main").commit(sha(2), "a", "src/README.md", "src/main.c").build());

            assertThat(onlyDocs.trigger()).isFalse();
            assertThat(code.trigger()).isTrue();
        }

        @Test
        void addedModifiedAndRemovedFilesAllCount() {
            TriggerPolicy policy = TriggerPolicy.builder().includePaths("src/**").build();
            var removed = new io.cikit.core.event.CommitInfo(sha(1), "rm", Optional.empty(), Optional.empty(), Optional.empty(),
                    List.of(), List.of(), List.of("src/gone.c"));
            var added = new io.cikit.core.event.CommitInfo(sha(2), "add", Optional.empty(), Optional.empty(), Optional.empty(),
                    List.of("src/new.c"), List.of(), List.of());

            assertThat(policy.decide(pushToBranch("main").commit(removed).build()).trigger()).isTrue();
            assertThat(policy.decide(pushToBranch("main").commit(added).build()).trigger()).isTrue();
        }

        @Test
        void withoutPathFiltersNoFileListIsNeededOrLookedUp() {
            List<String> calls = new ArrayList<>();
            TriggerPolicy policy = TriggerPolicy.builder().changedFiles((repo, base, head) -> {
                calls.add(base);
                return Optional.of(List.of());
            }).build();

            TriggerDecision decision = policy.decide(pushToBranch("main").commit(sha(1), "x").truncated(50).build());

            assertThat(decision.trigger()).isTrue();
            assertThat(calls).isEmpty();
        }
    }

    @Nested
    class ChangedFileLookup {
        private final TriggerPolicy.Builder srcOnly = TriggerPolicy.builder().includePaths("src/**");

        @Test
        void aTruncatedCommitListIsCompletedByTheLookupBetweenBeforeAndAfter() {
            List<String> asked = new ArrayList<>();
            TriggerPolicy policy = srcOnly.changedFiles((repo, base, head) -> {
                asked.add(repo.fullName() + " " + base + "..." + head);
                return Optional.of(List.of("docs/a.md"));
            }).build();
            PushEvent push = pushToBranch("main").before(sha(100)).commit(sha(1), "x", "src/a.c").truncated(40).build();

            TriggerDecision decision = policy.decide(push);

            assertThat(asked).containsExactly("acme/kernel " + sha(100) + "..." + sha(1));
            assertThat(decision.trigger()).as("the lookup's list replaces the partial one").isFalse();
        }

        @Test
        void anEmptyCommitListIsCompletedByTheLookup() {
            TriggerPolicy policy = srcOnly.changedFiles((repo, base, head) -> Optional.of(List.of("src/x.c"))).build();
            PushEvent push = pushToBranch("main").after(sha(9)).build();

            TriggerDecision decision = policy.decide(push);

            assertThat(decision.trigger()).isTrue();
            assertThat(decision.reason()).contains("'src/x.c' matches path filter 'src/**'");
        }

        @Test
        void commitsListingNoFilesAtAllCountAsUnknown() {
            List<String> asked = new ArrayList<>();
            TriggerPolicy policy = srcOnly.changedFiles((repo, base, head) -> {
                asked.add(head);
                return Optional.of(List.of("src/x.c"));
            }).build();

            TriggerDecision decision = policy.decide(pushToBranch("main").commit(sha(1), "merge").build());

            assertThat(asked).containsExactly(sha(1));
            assertThat(decision.trigger()).isTrue();
        }

        @Test
        void aNewBranchIsComparedWithTheDefaultBranch() {
            List<String> bases = new ArrayList<>();
            TriggerPolicy policy = srcOnly.changedFiles((repo, base, head) -> {
                bases.add(base);
                return Optional.of(List.of("src/x.c"));
            }).build();

            policy.decide(pushToBranch("topic").created().commit(sha(1), "x").truncated(30).build());

            assertThat(bases).containsExactly("main");
        }

        @Test
        void aNewBranchWithNoKnownDefaultBranchFailsOpen() {
            TriggerPolicy policy = srcOnly.changedFiles((repo, base, head) -> Optional.of(List.of("docs/x"))).build();
            PushEvent push = pushToBranch("topic").created().commit(sha(1), "x").truncated(30).build();
            PushEvent noDefault = new PushEvent(push.context(), Repository.named("acme/kernel"), push.ref(), push.before(),
                    push.after(), push.commits(), push.totalCommits(), true, push.headCommit(), true, false, false, push.sender());

            TriggerDecision decision = policy.decide(noDefault);

            assertThat(decision.trigger()).isTrue();
            assertThat(decision.reason()).contains("changed-file list unavailable").contains("no base to compare with");
        }

        @Test
        void withoutALookupAnUnlistedPushIsTestedAndTheReasonSaysWhy() {
            TriggerDecision decision = srcOnly.build().decide(pushToBranch("main").commit(sha(1), "x", "docs/a").truncated(99).build());

            assertThat(decision.trigger()).isTrue();
            assertThat(decision.commits()).containsExactly(sha(1));
            assertThat(decision.reason()).isEqualTo("push to main (every branch is tested); changed-file list unavailable (the"
                    + " payload's commit list is truncated, and no ChangedFiles lookup is configured): testing anyway");
        }

        @Test
        void aLookupThatCannotTellFailsOpen() {
            TriggerPolicy policy = srcOnly.changedFiles(ChangedFiles.unavailable()).build();

            TriggerDecision decision = policy.decide(pushToBranch("main").commit(sha(1), "x").truncated(99).build());

            assertThat(decision.trigger()).isTrue();
            assertThat(decision.reason()).contains("unavailable").contains("could not tell");
        }

        @Test
        void aThrowingLookupFailsOpenAndDecideDoesNotThrow() {
            TriggerPolicy policy = srcOnly.changedFiles((repo, base, head) -> {
                throw new IllegalStateException("compare API down");
            }).build();

            TriggerDecision decision = policy.decide(pushToBranch("main").commit(sha(1), "x").truncated(99).build());

            assertThat(decision.trigger()).isTrue();
            assertThat(decision.reason()).contains("lookup failed (IllegalStateException)");
        }

        @Test
        void aLookupAnsweringNullOrNullPathsFailsOpen() {
            // Both break the lookup's contract; decide must still answer.
            ChangedFiles answersNull = (repo, base, head) -> null;
            List<String> withNull = new ArrayList<>();
            withNull.add(null);
            ChangedFiles nullPath = (repo, base, head) -> Optional.of(withNull);

            PushEvent push = pushToBranch("main").commit(sha(1), "x").truncated(99).build();

            assertThat(srcOnly.changedFiles(answersNull).build().decide(push).trigger()).isTrue();
            assertThat(srcOnly.changedFiles(nullPath).build().decide(push).trigger()).isTrue();
        }

        @Test
        void aLookupFindingNoChangedFilesSkips() {
            TriggerPolicy policy = srcOnly.changedFiles((repo, base, head) -> Optional.of(List.of())).build();

            TriggerDecision decision = policy.decide(pushToBranch("main").after(sha(3)).build());

            assertThat(decision.trigger()).isFalse();
            assertThat(decision.reason()).isEqualTo("push to main: no files changed, so no path filter can match");
        }

    }

    @Nested
    class EachCommit {
        @Test
        void headOnlyIsTheDefault() {
            PushEvent push = pushToBranch("main").commit(sha(1), "a").commit(sha(2), "b").commit(sha(3), "c").build();

            assertThat(defaults.decide(push).commits()).containsExactly(sha(3));
        }

        @Test
        void testEachCommitListsEveryCommitOldestFirst() {
            TriggerPolicy policy = TriggerPolicy.builder().testEachCommit(true).build();
            PushEvent push = pushToBranch("main").commit(sha(1), "a").commit(sha(2), "b").commit(sha(3), "c").build();

            TriggerDecision decision = policy.decide(push);

            assertThat(decision.commits()).containsExactly(sha(1), sha(2), sha(3));
            assertThat(decision.reason()).endsWith("; testing 3 commits");
        }

        @Test
        void commitsWithTheirOwnSkipMarkerAreLeftOut() {
            TriggerPolicy policy = TriggerPolicy.builder().testEachCommit(true).build();
            PushEvent push = pushToBranch("main").commit(sha(1), "a").commit(sha(2), "wip [CI SKIP]").commit(sha(3), "c").build();

            TriggerDecision decision = policy.decide(push);

            assertThat(decision.commits()).containsExactly(sha(1), sha(3));
            assertThat(decision.reason()).contains("1 commit left out for skip markers");
        }

        @Test
        void theCapKeepsTheNewestAndTheReasonSaysSo() {
            TriggerPolicy policy = TriggerPolicy.builder().testEachCommit(true).maxCommitsPerPush(2).build();
            PushEvent push = pushToBranch("main").commit(sha(1), "a").commit(sha(2), "b").commit(sha(3), "c").commit(sha(4), "d").build();

            TriggerDecision decision = policy.decide(push);

            assertThat(decision.commits()).containsExactly(sha(3), sha(4));
            assertThat(decision.reason()).contains("testing the newest 2 of 4 commits (maxCommitsPerPush=2)");
        }

        @Test
        void theDefaultCapIsTwenty() {
            TriggerPolicy policy = TriggerPolicy.builder().testEachCommit(true).build();
            TestEvents.Push push = pushToBranch("main");
            for (int i = 0; i < 25; i++) {
                push.commit(sha(i), "c" + i);
            }

            TriggerDecision decision = policy.decide(push.build());

            assertThat(decision.commits()).hasSize(20).endsWith(sha(24)).startsWith(sha(5));
        }

        @Test
        void theHeadIsAlwaysLastAndEachShaOnce() {
            TriggerPolicy policy = TriggerPolicy.builder().testEachCommit(true).build();
            PushEvent push = pushToBranch("main").commit(sha(3), "head listed first").commit(sha(1), "a").commit(sha(1), "a again")
                    .after(sha(3)).headCommit(Optional.of(commit(sha(3), "head"))).build();

            assertThat(policy.decide(push).commits()).containsExactly(sha(1), sha(3));
        }

        @Test
        void aTruncatedListIsNotedInTheReason() {
            TriggerPolicy policy = TriggerPolicy.builder().testEachCommit(true).build();
            PushEvent push = pushToBranch("main").commit(sha(1), "a").commit(sha(2), "b").truncated(30).build();

            TriggerDecision decision = policy.decide(push);

            assertThat(decision.commits()).containsExactly(sha(1), sha(2));
            assertThat(decision.reason()).contains("the payload listed 2 of 30 commits");
        }
    }
}
