package io.cikit.core.dispatch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Queued jobs in lanes of equal selectors, each lane in queue order, so a free board looks at the head of each lane
 * its board matches instead of at every job. Not thread-safe: used under the dispatcher's lock.
 */
final class JobQueue {
    private final Map<BoardSelector, TreeSet<JobEntry>> lanes = new HashMap<>();
    private int size;

    void add(JobEntry e) {
        if (lanes.computeIfAbsent(e.job.selector(), s -> new TreeSet<>(JobEntry::compare)).add(e)) {
            size++;
        }
    }

    boolean remove(JobEntry e) {
        TreeSet<JobEntry> lane = lanes.get(e.job.selector());
        if (lane == null || !lane.remove(e)) {
            return false;
        }
        size--;
        if (lane.isEmpty()) {
            lanes.remove(e.job.selector());
        }
        return true;
    }

    int size() {
        return size;
    }

    /** The first job in queue order that this board may run now, or null. */
    @Nullable JobEntry best(BoardSlot slot) {
        JobEntry best = null;
        for (Map.Entry<BoardSelector, TreeSet<JobEntry>> lane : lanes.entrySet()) {
            if (!lane.getKey().matches(slot.board)) {
                continue;
            }
            for (JobEntry e : lane.getValue()) {
                if (best != null && JobEntry.compare(e, best) >= 0) {
                    break;
                }
                if (slot.accepts(e)) {
                    best = e;
                    break;
                }
            }
        }
        return best;
    }

    /** Every queued job, in no particular order. */
    List<JobEntry> all() {
        List<JobEntry> out = new ArrayList<>(size);
        lanes.values().forEach(out::addAll);
        return out;
    }

    /** Removes and returns the jobs for which {@code drop} is true. */
    List<JobEntry> removeIf(java.util.function.Predicate<JobEntry> drop) {
        List<JobEntry> out = new ArrayList<>();
        for (Iterator<TreeSet<JobEntry>> it = lanes.values().iterator(); it.hasNext(); ) {
            TreeSet<JobEntry> lane = it.next();
            for (Iterator<JobEntry> j = lane.iterator(); j.hasNext(); ) {
                JobEntry e = j.next();
                if (drop.test(e)) {
                    j.remove();
                    size--;
                    out.add(e);
                }
            }
            if (lane.isEmpty()) {
                it.remove();
            }
        }
        return out;
    }
}
