package io.cikit.core.notify;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * How notifications are gathered into digests, after Alertmanager's model. Notifications that share a group key and
 * a channel are held for {@code groupWait} after the first of them, then sent as one digest ("7 boards failed
 * {@code ltp.sem01} on main"; a group of one is sent as itself). Later ones are batched and sent at most once per
 * {@code groupInterval}. A notification identical to one sent within {@code repeatInterval} (same title, message,
 * severity, test, failure, metadata) is suppressed.
 *
 * <p>The group key is the notification's own {@link Notification#groupKey()} when set; otherwise
 * {@link #defaultKey}: test id, {@link Notification#FAILURE_KIND failure kind} and {@link Notification#BRANCH
 * branch}. A notification with no key is sent on its own right away, and so is one at or above
 * {@link Builder#ungroupedFrom} (default {@link Severity#CRITICAL}: a critical failure does not wait 30 s).
 *
 * <p>Grouping state lives in memory; pending members are in the outbox, so a restart re-forms their groups (with a
 * fresh {@code groupWait}) but forgets what was recently sent: a repeat right after a restart is sent again. At most
 * {@code maxGroups} groups are tracked (default 10,000); beyond that new keys are sent ungrouped. A digest lists at
 * most {@code maxDigestLines} members (default 50), then "… and N more".
 *
 * <p>Immutable and thread-safe.
 */
public final class GroupingPolicy {
    public static final Duration DEFAULT_GROUP_WAIT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_GROUP_INTERVAL = Duration.ofMinutes(5);
    public static final Duration DEFAULT_REPEAT_INTERVAL = Duration.ofHours(4);

    private static final GroupingPolicy NONE = new GroupingPolicy(new Builder(), false);

    private final boolean enabled;
    private final Duration groupWait;
    private final Duration groupInterval;
    private final Duration repeatInterval;
    private final Function<Notification, Optional<String>> groupBy;
    private final int maxGroups;
    private final int maxDigestLines;
    private final Optional<Severity> ungroupedFrom;

    private GroupingPolicy(Builder b, boolean enabled) {
        this.enabled = enabled;
        this.groupWait = b.groupWait;
        this.groupInterval = b.groupInterval;
        this.repeatInterval = b.repeatInterval;
        this.groupBy = b.groupBy;
        this.maxGroups = b.maxGroups;
        this.maxDigestLines = b.maxDigestLines;
        this.ungroupedFrom = b.ungroupedFrom;
    }

    /** Alertmanager's defaults: 30 s wait, 5 min interval, 4 h repeat, default key. */
    public static GroupingPolicy defaults() {
        return builder().build();
    }

    /** No grouping and no repeat suppression: every notification is sent on its own right away. */
    public static GroupingPolicy none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The default group key: {@code <test id>|<failure kind>|<branch>} ("failed" and "" when the metadata has no
     * failure kind or branch); empty for a notification without a test id.
     */
    public static Optional<String> defaultKey(Notification n) {
        return n.testId().map(t -> t + "|" + n.meta(Notification.FAILURE_KIND).orElse("failed") + "|"
                + n.meta(Notification.BRANCH).orElse(""));
    }

    /** The key this notification is grouped under; empty when it is sent on its own. */
    public Optional<String> keyOf(Notification n) {
        if (!enabled || ungroupedFrom.filter(n.severity()::atLeast).isPresent()) {
            return Optional.empty();
        }
        if (n.groupKey().isPresent()) {
            return n.groupKey().filter(k -> !k.isBlank());
        }
        return Objects.requireNonNull(groupBy.apply(n), "groupBy returned null").filter(k -> !k.isBlank());
    }

    public boolean enabled() {
        return enabled;
    }

    public Duration groupWait() {
        return groupWait;
    }

    public Duration groupInterval() {
        return groupInterval;
    }

    public Duration repeatInterval() {
        return repeatInterval;
    }

    public int maxGroups() {
        return maxGroups;
    }

    public int maxDigestLines() {
        return maxDigestLines;
    }

    /** Builds a {@link GroupingPolicy}. Not thread-safe. */
    public static final class Builder {
        private Duration groupWait = DEFAULT_GROUP_WAIT;
        private Duration groupInterval = DEFAULT_GROUP_INTERVAL;
        private Duration repeatInterval = DEFAULT_REPEAT_INTERVAL;
        private Function<Notification, Optional<String>> groupBy = GroupingPolicy::defaultKey;
        private int maxGroups = 10_000;
        private int maxDigestLines = 50;
        private Optional<Severity> ungroupedFrom = Optional.of(Severity.CRITICAL);

        private Builder() {
        }

        /** Notifications of this severity or worse are never held in a group (default CRITICAL). */
        public Builder ungroupedFrom(Severity severity) {
            this.ungroupedFrom = Optional.of(severity);
            return this;
        }

        /** Every severity is grouped, CRITICAL too. */
        public Builder groupEverySeverity() {
            this.ungroupedFrom = Optional.empty();
            return this;
        }

        public Builder groupWait(Duration d) {
            this.groupWait = nonNegative(d, "groupWait");
            return this;
        }

        public Builder groupInterval(Duration d) {
            this.groupInterval = nonNegative(d, "groupInterval");
            return this;
        }

        public Builder repeatInterval(Duration d) {
            this.repeatInterval = nonNegative(d, "repeatInterval");
            return this;
        }

        /** Derives the group key of notifications that set none themselves; empty = send on its own. */
        public Builder groupBy(Function<Notification, Optional<String>> keyOf) {
            this.groupBy = Objects.requireNonNull(keyOf, "keyOf");
            return this;
        }

        public Builder maxGroups(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxGroups must be positive");
            }
            this.maxGroups = max;
            return this;
        }

        public Builder maxDigestLines(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxDigestLines must be positive");
            }
            this.maxDigestLines = max;
            return this;
        }

        public GroupingPolicy build() {
            return new GroupingPolicy(this, true);
        }

        private static Duration nonNegative(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative()) {
                throw new IllegalArgumentException(what + " must not be negative");
            }
            return d;
        }
    }
}
