package io.cikit.core.dispatch;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** A submitted job's state in the dispatcher. Mutable fields are guarded by the dispatcher's lock; volatile ones are read by {@link JobHandle}. */
final class JobEntry {
    final TestJob job;
    final long seq;
    final long submitMillis;
    /** Orders the queue: smaller runs first. With aging, submit time minus priority times the aging step. */
    final long rank;
    final @Nullable String healthCheckFor;
    final CompletableFuture<JobResult> future = new CompletableFuture<>();
    final Set<String> tried = new HashSet<>();
    final List<Attempt> attempts = new ArrayList<>();
    volatile JobState state = JobState.QUEUED;
    volatile @Nullable Board lastBoard;
    volatile int attemptCount;
    @Nullable AttemptRun current;
    long firstStartMillis = -1;
    boolean cancelRequested;

    JobEntry(TestJob job, long seq, long submitMillis, long rank, @Nullable String healthCheckFor) {
        this.job = job;
        this.seq = seq;
        this.submitMillis = submitMillis;
        this.rank = rank;
        this.healthCheckFor = healthCheckFor;
    }

    /** Queue order: rank, then priority (a tie-break without aging), then submission order. */
    static int compare(JobEntry a, JobEntry b) {
        int c = Long.compare(a.rank, b.rank);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(b.job.priority(), a.job.priority());
        return c != 0 ? c : Long.compare(a.seq, b.seq);
    }
}
