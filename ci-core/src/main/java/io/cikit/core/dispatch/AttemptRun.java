package io.cikit.core.dispatch;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** One attempt in progress. Fields other than the finals are guarded by the dispatcher's lock. */
final class AttemptRun {
    final JobEntry entry;
    final BoardSlot slot;
    final Board board;
    final int number;
    final Lease lease;
    final long startMillis;
    final long deadlineMillis;
    /** Where the files go, relative to the work directory, until the runner asks for the directory. */
    final Path plannedDirectory;
    /** The planned directory under the work directory; the real one once made. */
    Path outputDirectory;
    @Nullable RunHandle handle;
    @Nullable StopReason stop;
    @Nullable String stopDetail;
    long stopRequestedMillis;
    boolean ended;
    /** The runner did not stop within the stop grace; the attempt was ended without it. */
    boolean forced;

    AttemptRun(JobEntry entry, BoardSlot slot, int number, Lease lease, long startMillis, long deadlineMillis,
            Path outputDirectory) {
        this.entry = entry;
        this.slot = slot;
        this.board = slot.board;
        this.number = number;
        this.lease = lease;
        this.startMillis = startMillis;
        this.deadlineMillis = deadlineMillis;
        this.plannedDirectory = outputDirectory;
        this.outputDirectory = outputDirectory;
    }
}
