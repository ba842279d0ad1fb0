package io.cikit.core.regression;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Classifies each test of a run against the same context's past runs. Stateless. */
final class StatusTransitions {

    private StatusTransitions() {
    }

    /**
     * @param past the context's recent runs aligned with the current run's tests
     * @param flakyWindow how many of a test's latest verdicts (the current one included) are searched for flips
     */
    static List<StatusChange> classify(RunRecord current, PastRuns past, int flakyWindow, Optional<CommitLog> log) {
        List<StatusChange> changes = new ArrayList<>();
        List<TestOutcome> tests = current.tests();
        for (int i = 0; i < tests.size(); i++) {
            classify(current, tests.get(i), past.outcomes[i], past.newestFirst, flakyWindow, log).ifPresent(changes::add);
        }
        for (TestOutcome before : past.missing) {
            changes.add(new StatusChange(SeriesKey.status(current.context(), before.test()), StatusChange.Kind.MISSING,
                    Optional.of(before.outcome()), Optional.empty(), 0, Optional.empty()));
        }
        return changes;
    }

    /** @param history the test's outcome in each past run, newest first (null where it did not run) */
    private static Optional<StatusChange> classify(RunRecord current, TestOutcome test, Outcome[] history,
            List<RunRecord> runs, int flakyWindow, Optional<CommitLog> log) {
        Outcome now = test.outcome();
        if (!now.isVerdict()) {
            return Optional.empty();
        }
        SeriesKey key = SeriesKey.status(current.context(), test.test());
        // the test's earlier verdicts, newest first, with the runs they came from
        List<RunRecord> verdictRuns = new ArrayList<>();
        List<Outcome> verdicts = new ArrayList<>();
        Optional<Outcome> lastSeen = Optional.empty();
        for (int k = 0; k < history.length; k++) {
            Outcome o = history[k];
            if (o == null) {
                continue;
            }
            if (lastSeen.isEmpty()) {
                lastSeen = Optional.of(o);
            }
            if (o.isVerdict()) {
                verdictRuns.add(runs.get(k));
                verdicts.add(o);
            }
        }
        if (verdicts.isEmpty()) {
            return Optional.of(new StatusChange(key, StatusChange.Kind.NEW_TEST, lastSeen, Optional.of(now), 0, Optional.empty()));
        }
        Outcome last = verdicts.get(0);
        int flips = 0;
        boolean later = now.isFailure();
        for (int i = 0; i < Math.min(verdicts.size(), flakyWindow - 1); i++) {
            boolean earlier = verdicts.get(i).isFailure();
            flips += earlier != later ? 1 : 0;
            later = earlier;
        }
        StatusChange.Kind kind;
        Optional<CommitRange> range = Optional.empty();
        if (!last.isFailure() && now.isFailure()) {
            // a failure after an earlier flip in the window is the test flip-flopping, not a regression
            kind = flips >= 2 ? StatusChange.Kind.FLAKY : StatusChange.Kind.NEW_FAILURE;
            range = Optional.of(CommitRange.resolve(Optional.of(verdictRuns.get(0).commitSha()), current.commitSha(), log));
        } else if (last.isFailure() && !now.isFailure()) {
            // pass → fail → pass is two flips but one failure episode ending: a fix; flaky needs flips before it
            kind = flips >= 3 ? StatusChange.Kind.FLAKY : StatusChange.Kind.FIXED;
            range = Optional.of(CommitRange.resolve(Optional.of(verdictRuns.get(0).commitSha()), current.commitSha(), log));
        } else if (now.isFailure()) {
            kind = StatusChange.Kind.STILL_FAILING;
            range = Optional.of(failingSince(verdicts, verdictRuns, log));
        } else {
            return Optional.empty();
        }
        return Optional.of(new StatusChange(key, kind, Optional.of(last), Optional.of(now), flips, range));
    }

    /** (last pass, first failure after it], or (…, oldest failure seen] when no pass is in the history. */
    private static CommitRange failingSince(List<Outcome> verdicts, List<RunRecord> runs, Optional<CommitLog> log) {
        int firstFailure = 0;
        while (firstFailure + 1 < verdicts.size() && verdicts.get(firstFailure + 1).isFailure()) {
            firstFailure++;
        }
        Optional<String> lastPass = firstFailure + 1 < verdicts.size()
                ? Optional.of(runs.get(firstFailure + 1).commitSha()) : Optional.empty();
        return CommitRange.resolve(lastPass, runs.get(firstFailure).commitSha(), log);
    }
}
