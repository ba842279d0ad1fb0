package io.cikit.core.notify;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Which channels a notification goes to when it is {@linkplain NotificationDispatcher#route routed}: every rule
 * whose condition matches adds its channels (in rule order, without repeats). When none matches, the fallback
 * channels are used (none by default).
 *
 * <p>{@link #defaults()}: INFO and WARNING → slack; ERROR → slack, email; CRITICAL → slack, email, teams.
 *
 * <p>Immutable and thread-safe if its predicates are.
 */
public final class RoutingRules {
    private static final RoutingRules DEFAULTS = builder()
            .atLeast(Severity.INFO, "slack")
            .atLeast(Severity.ERROR, "email")
            .atLeast(Severity.CRITICAL, "teams")
            .build();

    private record Rule(Predicate<Notification> when, List<String> channels) {
    }

    private final List<Rule> rules;
    private final List<String> fallback;

    private RoutingRules(List<Rule> rules, List<String> fallback) {
        this.rules = List.copyOf(rules);
        this.fallback = List.copyOf(fallback);
    }

    public static RoutingRules defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The channels for a notification, by these rules alone (its own channel list is not consulted). */
    public List<String> channelsFor(Notification n) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (Rule r : rules) {
            if (r.when().test(n)) {
                out.addAll(r.channels());
            }
        }
        if (out.isEmpty()) {
            out.addAll(fallback);
        }
        return List.copyOf(out);
    }

    /** Builds {@link RoutingRules}. Not thread-safe. */
    public static final class Builder {
        private final List<Rule> rules = new ArrayList<>();
        private final List<String> fallback = new ArrayList<>();

        private Builder() {
        }

        /** Adds channels for notifications matching a condition. */
        public Builder when(Predicate<Notification> condition, String... channels) {
            rules.add(new Rule(Objects.requireNonNull(condition, "condition"), names(channels)));
            return this;
        }

        /** Adds channels for notifications of this severity or worse. */
        public Builder atLeast(Severity min, String... channels) {
            Objects.requireNonNull(min, "min");
            return when(n -> n.severity().atLeast(min), channels);
        }

        /** Adds channels for notifications of exactly this severity. */
        public Builder exactly(Severity severity, String... channels) {
            Objects.requireNonNull(severity, "severity");
            return when(n -> n.severity() == severity, channels);
        }

        /** Channels for notifications no rule matches. */
        public Builder fallback(String... channels) {
            fallback.clear();
            fallback.addAll(names(channels));
            return this;
        }

        public RoutingRules build() {
            return new RoutingRules(rules, fallback);
        }

        private static List<String> names(String... channels) {
            List<String> out = new ArrayList<>();
            for (String c : channels) {
                out.add(Notification.channelName(c));
            }
            return out;
        }
    }
}
