package io.cikit.core.notify;

import io.cikit.core.config.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Mutes notifications while a more important one about the same thing is open, after Alertmanager's inhibition: a
 * {@code source} notification (a broken build) opens an inhibition for its values of the {@code equal} metadata keys
 * (the build), and {@code target} notifications with the same values (each failing test of that build) are
 * suppressed until a {@code resolvedBy} notification with the same values arrives or {@code duration} passes.
 *
 * <p>A target is checked when it is accepted and again when its group is flushed, so a broken-build notification
 * also mutes test notifications still waiting in a group window. A notification missing any of the {@code equal}
 * keys is never muted. Inhibitions live in memory (at most 10,000 open at once, oldest dropped first).
 *
 * <p>Immutable and thread-safe if its predicates are.
 */
public final class InhibitionRule {
    /** {@link Notification#FAILURE_KIND} value of a broken-build notification. */
    public static final String BUILD_BROKEN = "build-broken";
    /** {@link Notification#FAILURE_KIND} value of a notification that a build is fixed. */
    public static final String BUILD_FIXED = "build-fixed";

    private final String name;
    private final Predicate<Notification> source;
    private final Predicate<Notification> target;
    private final Predicate<Notification> resolvedBy;
    private final List<String> equal;
    private final Duration duration;

    private InhibitionRule(Builder b) {
        this.name = b.name;
        this.source = b.source;
        this.target = b.target;
        this.resolvedBy = b.resolvedBy;
        this.equal = List.copyOf(b.equal);
        this.duration = b.duration;
    }

    /**
     * The usual rule: a notification with failure kind {@link #BUILD_BROKEN} mutes notifications with a test id
     * (and another failure kind) of the same {@link Notification#BUILD build} for 4 hours, or until one with kind
     * {@link #BUILD_FIXED} for that build arrives.
     */
    public static InhibitionRule buildBroken() {
        return builder("build-broken")
                .source(n -> n.meta(Notification.FAILURE_KIND).filter(BUILD_BROKEN::equals).isPresent())
                .target(n -> n.testId().isPresent()
                        && n.meta(Notification.FAILURE_KIND).filter(k -> k.equals(BUILD_BROKEN) || k.equals(BUILD_FIXED)).isEmpty())
                .resolvedBy(n -> n.meta(Notification.FAILURE_KIND).filter(BUILD_FIXED::equals).isPresent())
                .equal(Notification.BUILD)
                .lasting(Duration.ofHours(4))
                .build();
    }

    /** @param name names the rule in suppression reasons and logs */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public boolean isSource(Notification n) {
        return source.test(n);
    }

    public boolean isTarget(Notification n) {
        return target.test(n) && !source.test(n);
    }

    public boolean resolves(Notification n) {
        return resolvedBy.test(n);
    }

    /** The values of the {@code equal} keys, joined; empty when the notification lacks one of them. */
    public Optional<String> scopeOf(Notification n) {
        StringBuilder sb = new StringBuilder(name);
        for (String key : equal) {
            Optional<String> v = n.meta(key);
            if (v.isEmpty()) {
                return Optional.empty();
            }
            sb.append('\u0000').append(v.get());
        }
        return Optional.of(sb.toString());
    }

    public List<String> equal() {
        return equal;
    }

    public Duration duration() {
        return duration;
    }

    /** Builds an {@link InhibitionRule}; {@code source}, {@code target} and {@code equal} are required. */
    public static final class Builder {
        private final String name;
        private Predicate<Notification> source = n -> false;
        private Predicate<Notification> target = n -> false;
        private Predicate<Notification> resolvedBy = n -> false;
        private final List<String> equal = new ArrayList<>();
        private Duration duration = Duration.ofHours(4);
        private boolean hasSource;
        private boolean hasTarget;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        public Builder source(Predicate<Notification> p) {
            this.source = Objects.requireNonNull(p, "source");
            this.hasSource = true;
            return this;
        }

        public Builder target(Predicate<Notification> p) {
            this.target = Objects.requireNonNull(p, "target");
            this.hasTarget = true;
            return this;
        }

        public Builder resolvedBy(Predicate<Notification> p) {
            this.resolvedBy = Objects.requireNonNull(p, "resolvedBy");
            return this;
        }

        /** Metadata keys whose values source and target must share. */
        public Builder equal(String... keys) {
            equal.addAll(List.of(keys));
            return this;
        }

        /** How long an inhibition stays open without a resolving notification (default 4 h). */
        public Builder lasting(Duration d) {
            this.duration = Durations.requirePositive("inhibition duration", d);
            return this;
        }

        public InhibitionRule build() {
            if (!hasSource || !hasTarget || equal.isEmpty()) {
                throw new IllegalStateException("an inhibition rule needs a source, a target and at least one equal key");
            }
            return new InhibitionRule(this);
        }
    }
}
