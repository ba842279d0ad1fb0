package io.cikit.core.dispatch;

import java.util.Set;

/**
 * How {@link LocalCommandRunner} reads a lab script's exit code. The default convention: {@code 0} the run worked
 * (tests may still have failed, as the result files and console say), {@code 1} tests failed, anything else
 * (including death by a signal, reported as 128 + the signal number) an infrastructure error: the script could not
 * flash, boot or reach the board, so the job is retried on another board. Codes listed in {@code jobErrors} mean the
 * job itself is unusable (a script that checks its inputs): no retry.
 *
 * @param ok codes meaning the run worked
 * @param testFailures codes meaning tests failed
 * @param jobErrors codes meaning the job cannot run anywhere
 */
public record ExitCodes(Set<Integer> ok, Set<Integer> testFailures, Set<Integer> jobErrors) {
    /** 0 ok, 1 test failures, everything else an infrastructure error. */
    public static final ExitCodes DEFAULT = new ExitCodes(Set.of(0), Set.of(1), Set.of());

    public ExitCodes {
        ok = Set.copyOf(ok);
        testFailures = Set.copyOf(testFailures);
        jobErrors = Set.copyOf(jobErrors);
        for (Integer c : ok) {
            if (testFailures.contains(c) || jobErrors.contains(c)) {
                throw new IllegalArgumentException("exit code " + c + " has two meanings");
            }
        }
        for (Integer c : testFailures) {
            if (jobErrors.contains(c)) {
                throw new IllegalArgumentException("exit code " + c + " has two meanings");
            }
        }
    }

    /** What an exit code says: COMPLETE, TEST_FAILURES, JOB_ERROR or INFRA_ERROR. */
    public RunOutcome classify(int code) {
        if (ok.contains(code)) {
            return RunOutcome.COMPLETE;
        }
        if (testFailures.contains(code)) {
            return RunOutcome.TEST_FAILURES;
        }
        if (jobErrors.contains(code)) {
            return RunOutcome.JOB_ERROR;
        }
        return RunOutcome.INFRA_ERROR;
    }
}
