package io.cikit.core.notify.internal;

import io.cikit.core.notify.GroupingPolicy;
import io.cikit.core.notify.PendingDelivery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The open groups and their timing: when a group's next flush is due, what it holds, what it sent recently. Pure
 * state; the dispatcher schedules the timers this table asks for and does the sending. Thread-safe.
 *
 * <p>Timing, per group: the first member of a fresh group waits {@code groupWait}; while the group has flushed
 * within the last {@code groupInterval}, new members wait for {@code lastFlush + groupInterval}. A timer carries the
 * group's generation so a timer made stale by {@link #takeAll} does nothing.
 */
public final class GroupTable {

    /** A group: one key on one channel. */
    public record GroupId(String channel, String key) {
    }

    /** A flush the caller must schedule: run {@link #take} with this id and generation after {@code delay}. */
    public record Timer(GroupId id, long generation, Duration delay) {
    }

    /** What a flush takes out of a group. */
    public record Batch(GroupId id, List<PendingDelivery> members) {
    }

    private static final class Group {
        final List<PendingDelivery> members = new ArrayList<>();
        final LinkedHashMap<String, Instant> sent = new LinkedHashMap<>();
        @Nullable Instant lastFlush;
        boolean scheduled;
        long generation;
    }

    /** Fingerprints remembered per group for repeat suppression; with the group bound this caps the memory used. */
    private static final int MAX_REMEMBERED_PER_GROUP = 100;

    private final GroupingPolicy policy;
    private final HashMap<GroupId, Group> groups = new HashMap<>();
    private long pendingMembers;

    public GroupTable(GroupingPolicy policy) {
        this.policy = policy;
    }

    /**
     * What {@link #add} did: {@code added} is false when the table was full (the caller sends the member on its own);
     * {@code timer} is the flush to schedule when the group had none.
     */
    public record Added(boolean added, Optional<Timer> timer) {
    }

    private static final Added FULL = new Added(false, Optional.empty());
    private static final Added JOINED = new Added(true, Optional.empty());

    /** Adds a member to its group, opening the group if needed. */
    public synchronized Added add(GroupId id, PendingDelivery member, Instant now) {
        Group g = groups.get(id);
        if (g == null) {
            if (groups.size() >= policy.maxGroups()) {
                sweep(now);
            }
            if (groups.size() >= policy.maxGroups()) {
                return FULL;
            }
            g = new Group();
            groups.put(id, g);
        }
        g.members.add(member);
        pendingMembers++;
        if (g.scheduled) {
            return JOINED;
        }
        g.scheduled = true;
        g.generation++;
        Duration delay;
        if (g.lastFlush == null || !now.isBefore(g.lastFlush.plus(policy.groupInterval()))) {
            delay = policy.groupWait();
        } else {
            delay = Duration.between(now, g.lastFlush.plus(policy.groupInterval()));
        }
        return new Added(true, Optional.of(new Timer(id, g.generation, delay)));
    }

    /** Takes a group's members for a due timer; empty when the timer is stale. */
    public synchronized Optional<Batch> take(GroupId id, long generation, Instant now) {
        Group g = groups.get(id);
        if (g == null || !g.scheduled || g.generation != generation) {
            return Optional.empty();
        }
        return Optional.of(drain(id, g, now));
    }

    /** Takes every group that holds members, whatever its timer (for an explicit flush). */
    public synchronized List<Batch> takeAll(Instant now) {
        List<Batch> out = new ArrayList<>();
        for (Map.Entry<GroupId, Group> e : groups.entrySet()) {
            if (!e.getValue().members.isEmpty()) {
                out.add(drain(e.getKey(), e.getValue(), now));
            }
        }
        return out;
    }

    /** Whether a notification with this fingerprint went out from this group within the repeat interval. */
    public synchronized boolean sentRecently(GroupId id, String fingerprint, Instant now) {
        Group g = groups.get(id);
        if (g == null) {
            return false;
        }
        Instant at = g.sent.get(fingerprint);
        return at != null && now.isBefore(at.plus(policy.repeatInterval()));
    }

    /** Remembers fingerprints as sent now (at most the newest 100 per group; expired ones are forgotten). */
    public synchronized void markSent(GroupId id, List<String> fingerprints, Instant now) {
        Group g = groups.computeIfAbsent(id, k -> new Group());
        g.sent.values().removeIf(at -> !now.isBefore(at.plus(policy.repeatInterval())));
        for (String f : fingerprints) {
            g.sent.remove(f);
            g.sent.put(f, now);
        }
        Iterator<String> oldest = g.sent.keySet().iterator();
        while (g.sent.size() > MAX_REMEMBERED_PER_GROUP && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }

    /** Members waiting in all groups. */
    public synchronized long pendingMembers() {
        return pendingMembers;
    }

    public synchronized int groups() {
        return groups.size();
    }

    private Batch drain(GroupId id, Group g, Instant now) {
        List<PendingDelivery> members = List.copyOf(g.members);
        g.members.clear();
        pendingMembers -= members.size();
        g.scheduled = false;
        g.generation++;
        g.lastFlush = now;
        return new Batch(id, members);
    }

    /** Drops groups with nothing waiting whose interval and repeat memory have both run out. */
    private void sweep(Instant now) {
        Duration keep = policy.groupInterval().compareTo(policy.repeatInterval()) > 0 ? policy.groupInterval() : policy.repeatInterval();
        groups.values().removeIf(g -> g.members.isEmpty() && !g.scheduled
                && (g.lastFlush == null || !now.isBefore(g.lastFlush.plus(keep))));
    }
}
