package io.cikit.core.notify;

import io.cikit.core.config.ConfigurationException;
import io.cikit.core.config.ProviderConfig;
import io.cikit.core.notify.internal.Digests;
import io.cikit.core.notify.internal.GroupTable;
import io.cikit.core.notify.internal.Inhibitions;
import io.cikit.core.notify.internal.Lane;
import io.cikit.core.notify.internal.NotifyMetrics;
import io.cikit.core.spi.Providers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends notifications to channels without losing them: routes by severity, groups related notifications into
 * digests, mutes what an open inhibition covers, keeps each destination's rate, retries by failure class and holds
 * every accepted delivery in an {@link Outbox} until its channel acknowledges it.
 *
 * <p>The path of a notification: {@link #send} checks the minimum severity and inhibitions, then records one
 * pending delivery per configured channel in the outbox and returns once that is durable. A delivery with a
 * {@linkplain GroupingPolicy group key} waits in its group window; the rest go straight to the channel's lane, which
 * sends one at a time at the channel's pace and retries as {@link RetryPolicy} says. The channel's acknowledgement
 * removes the delivery from the outbox; a permanent failure turns it into a {@link DeadLetter}, which
 * {@link #replay} sends again. Built on an outbox that already holds deliveries (after a crash), the dispatcher
 * resumes them at once; each attempt carries the same {@linkplain DeliveryKey#idempotencyKey() idempotency key},
 * so delivery is at least once and a receiver can make it exactly once.
 *
 * <p>{@code send} never throws for a delivery problem: a channel that is not configured, a suppressed notification,
 * a full outbox all come back as {@link DeliveryResult}s in the returned {@link Dispatch}.
 *
 * <p>Thread-safe. Channel calls run on the {@link Scheduler}'s threads. Metrics: see the {@code cikit.notify.*}
 * meters described on {@link Builder#meterRegistry}.
 */
public final class NotificationDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationDispatcher.class);

    /** Configuration key: directory of the {@link FileOutbox} when no outbox is given. */
    public static final String OUTBOX_DIR_KEY = "cikit.notify.outbox-dir";
    /** Configuration key: notifications below this severity are suppressed. */
    public static final String MIN_SEVERITY_KEY = "cikit.notify.min-severity";

    private static final Map<String, String> MODULES = Map.of(
            "slack", "io.cikit:ci-notify-slack",
            "email", "io.cikit:ci-notify-email",
            "teams", "io.cikit:ci-notify-teams");
    private static final Map<String, RateLimit> KNOWN_LIMITS = Map.of("slack", RateLimit.SLACK, "teams", RateLimit.TEAMS);
    private static final int CHUNK = 256;

    private record Resolution(@Nullable NotificationChannel channel, String problem, boolean owned) {
    }

    private record Slot(Dispatch dispatch, int index) {
    }

    private final Outbox outbox;
    private final boolean ownsOutbox;
    private final Scheduler scheduler;
    private final boolean ownsScheduler;
    private final RoutingRules routing;
    private final GroupingPolicy grouping;
    private final GroupTable groups;
    private final Inhibitions inhibitions;
    private final RetryPolicy retry;
    private final Severity minSeverity;
    private final Map<String, RateLimit> rateLimits;
    private final Map<String, NotificationChannel> explicit;
    private final Providers<NotificationChannelProvider> providers;
    private final ProviderConfig config;
    private final RandomGenerator random;
    private final NotifyMetrics metrics;
    private final ConcurrentHashMap<String, Resolution> resolved = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<DeliveryKey, List<Slot>> slots = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<DeliveryKey, List<DeliveryKey>> digestMembers = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong inFlight = new AtomicLong();
    private final Object idle = new Object();
    private final Lane.Listener listener = new LaneListener();
    private volatile boolean closed;

    private NotificationDispatcher(Builder b, Outbox outbox, boolean ownsOutbox, Severity minSeverity) {
        this.outbox = outbox;
        this.ownsOutbox = ownsOutbox;
        this.ownsScheduler = b.scheduler == null;
        this.scheduler = b.scheduler != null ? b.scheduler : Scheduler.system(b.threads);
        this.routing = b.routing;
        this.grouping = b.grouping;
        this.groups = new GroupTable(b.grouping);
        this.inhibitions = new Inhibitions(b.inhibitions);
        this.retry = b.retry;
        this.minSeverity = minSeverity;
        this.rateLimits = Map.copyOf(b.rateLimits);
        this.explicit = Map.copyOf(b.explicit);
        this.providers = b.providers != null ? b.providers
                : Providers.discover(NotificationChannelProvider.class, NotificationChannelProvider::name);
        this.config = b.config;
        this.random = b.random != null ? b.random : new SplittableRandom();
        this.metrics = new NotifyMetrics(b.registry, outbox::depth, () -> outbox.deadLetters().size());
        resume();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether a notification is at least as severe as {@code minSeverity}. */
    public static boolean passes(Notification notification, Severity minSeverity) {
        return notification.severity().atLeast(minSeverity);
    }

    /**
     * Sends a notification to the channels it names. Returns once every configured channel's delivery is durably in
     * the outbox; the rest is asynchronous. Never throws for delivery problems (see {@link Dispatch}).
     */
    public Dispatch send(Notification notification) {
        return sendAll(List.of(Objects.requireNonNull(notification, "notification"))).get(0);
    }

    /**
     * Sends several notifications with one durable outbox write per {@value #CHUNK} of them: the cheap way to
     * accept many at once. Same rules as {@link #send}.
     */
    public List<Dispatch> sendAll(Collection<Notification> notifications) {
        List<Notification> all = List.copyOf(notifications);
        List<Dispatch> out = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i += CHUNK) {
            out.addAll(accept(all.subList(i, Math.min(all.size(), i + CHUNK))));
        }
        return out;
    }

    /**
     * Sends a notification to the channels the {@link RoutingRules} pick for it, in addition to any it names
     * itself.
     */
    public Dispatch route(Notification notification) {
        LinkedHashSet<String> channels = new LinkedHashSet<>(notification.channels());
        channels.addAll(routing.channelsFor(notification));
        return send(notification.withChannels(List.copyOf(channels)));
    }

    /**
     * Routes a {@link Severity#CRITICAL} notification about a failure (by the default rules: slack, email and
     * teams).
     */
    public Dispatch sendCriticalFailure(String title, String message, String testId, String failureId,
                                       List<Recipient> recipients, Map<String, String> metadata) {
        return route(Notification.builder()
                .title(title)
                .message(message)
                .severity(Severity.CRITICAL)
                .testId(testId)
                .failureId(failureId)
                .recipients(recipients)
                .metadata(metadata)
                .timestamp(scheduler.now())
                .build());
    }

    /** Dead letters held by the outbox, oldest first. */
    public List<DeadLetter> deadLetters() {
        return outbox.deadLetters();
    }

    /**
     * Sends matching dead letters again (with fresh retries, the same idempotency keys). Returns how many were
     * replayed.
     *
     * @throws OutboxException when the outbox cannot record the replay
     */
    public int replay(Predicate<DeadLetter> which) {
        List<DeadLetter> again = outbox.requeue(which);
        if (again.isEmpty()) {
            return 0;
        }
        Instant now = scheduler.now();
        for (DeadLetter d : again) {
            Lane lane = laneFor(d.channel());
            if (lane != null) {
                inFlight.incrementAndGet();
                PendingDelivery p = new PendingDelivery(d.notification(), d.channel(), PendingDelivery.Stage.READY);
                lane.submit(new Lane.Job(p, now, sequence.incrementAndGet()));
            }
        }
        LOG.info("Replaying {} dead letters", again.size());
        return again.size();
    }

    /** Forgets matching dead letters for good. Returns how many. */
    public int discard(Predicate<DeadLetter> which) {
        List<DeliveryKey> keys = outbox.deadLetters().stream().filter(which).map(DeadLetter::key).toList();
        if (!keys.isEmpty()) {
            outbox.record(new OutboxUpdate(List.of(), List.of(), keys));
        }
        return keys.size();
    }

    /** Sends every group now, without waiting for its window to end. */
    public void flushGroups() {
        if (closed) {
            return;
        }
        Instant now = scheduler.now();
        for (GroupTable.Batch b : groups.takeAll(now)) {
            flush(b, now);
        }
    }

    /**
     * Flushes the groups and waits until nothing accepted in (or resumed by) this dispatcher is still on its way,
     * or the timeout passes. Waits in real time: for hosts and tools with the system scheduler, not for tests that
     * drive a manual one.
     *
     * @return true when everything was delivered or dead-lettered in time
     */
    public boolean drain(Duration timeout) {
        flushGroups();
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (inFlight.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    idle.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    /** Deliveries this dispatcher still has on their way: in group windows, queued, in flight or waiting to retry. */
    public long inFlight() {
        return inFlight.get();
    }

    /** Names of the channels that can be used now (configured explicitly or created from a provider so far). */
    public List<String> availableChannels() {
        LinkedHashSet<String> out = new LinkedHashSet<>(explicit.keySet());
        resolved.forEach((name, r) -> {
            if (r.channel() != null) {
                out.add(name);
            }
        });
        return List.copyOf(out);
    }

    /**
     * Stops sending: deliveries not yet sent stay in the outbox for the next dispatcher. Waits up to 10 s for calls
     * under way to finish. Closes the scheduler and outbox if the dispatcher made them, and channels it created from
     * providers.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        lanes.values().forEach(Lane::stop);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (lanes.values().stream().anyMatch(Lane::running) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (ownsScheduler) {
            scheduler.close();
        }
        resolved.values().forEach(r -> {
            if (r.owned() && r.channel() != null) {
                try {
                    r.channel().close();
                } catch (RuntimeException e) {
                    LOG.warn("Closing channel {} failed: {}", r.channel().name(), e.toString());
                }
            }
        });
        metrics.close();
        if (ownsOutbox) {
            outbox.close();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    private List<Dispatch> accept(List<Notification> batch) {
        Instant now = scheduler.now();
        List<Dispatch> dispatches = new ArrayList<>(batch.size());
        List<PendingDelivery> adds = new ArrayList<>();
        List<Slot> addSlots = new ArrayList<>();
        for (Notification n : batch) {
            Dispatch d = new Dispatch(n.id(), n.channels());
            dispatches.add(d);
            if (n.channels().isEmpty()) {
                LOG.warn("Notification {} names no channel; nothing to send", n.id());
                continue;
            }
            Optional<String> refusal = Optional.empty();
            DeliveryResult.Outcome outcome = DeliveryResult.Outcome.SUPPRESSED;
            if (closed) {
                refusal = Optional.of("dispatcher is closed");
                outcome = DeliveryResult.Outcome.REFUSED;
            } else if (!passes(n, minSeverity)) {
                refusal = Optional.of("below the minimum severity " + minSeverity);
                metrics.suppressed("below-min-severity", 1);
            } else if (!inhibitions.isEmpty()) {
                refusal = inhibitions.mutedBy(n, now);
                inhibitions.observe(n, now);
                if (refusal.isPresent()) {
                    metrics.suppressed("inhibited", 1);
                }
            }
            boolean grouped = grouping.keyOf(n).isPresent();
            for (int i = 0; i < n.channels().size(); i++) {
                String channel = n.channels().get(i);
                DeliveryKey key = new DeliveryKey(n.id(), channel);
                if (refusal.isPresent()) {
                    if (outcome == DeliveryResult.Outcome.REFUSED) {
                        metrics.failed(channel, "refused");
                    }
                    d.complete(i, DeliveryResult.failed(key, outcome, refusal.get(), 0, now));
                    continue;
                }
                Resolution r = resolve(channel);
                if (r.channel() == null) {
                    metrics.failed(channel, "not-configured");
                    d.complete(i, DeliveryResult.failed(key, DeliveryResult.Outcome.NOT_CONFIGURED, r.problem(), 0, now));
                    continue;
                }
                adds.add(new PendingDelivery(n, channel, grouped ? PendingDelivery.Stage.GROUPING : PendingDelivery.Stage.READY));
                addSlots.add(new Slot(d, i));
            }
        }
        if (adds.isEmpty()) {
            return dispatches;
        }
        try {
            outbox.record(OutboxUpdate.add(adds));
        } catch (OutboxException e) {
            LOG.error("Refused {} deliveries: the outbox cannot take them: {}", adds.size(), e.getMessage());
            for (int i = 0; i < adds.size(); i++) {
                PendingDelivery p = adds.get(i);
                metrics.failed(p.channel(), "refused");
                addSlots.get(i).dispatch().complete(addSlots.get(i).index(),
                        DeliveryResult.failed(p.key(), DeliveryResult.Outcome.REFUSED, "outbox refused it: " + e.getMessage(), 0, now));
            }
            return dispatches;
        }
        Map<Dispatch, List<String>> acceptedBy = new LinkedHashMap<>();
        for (int i = 0; i < adds.size(); i++) {
            PendingDelivery p = adds.get(i);
            Slot s = addSlots.get(i);
            acceptedBy.computeIfAbsent(s.dispatch(), k -> new ArrayList<>()).add(p.channel());
            slots.merge(p.key(), List.of(s), (a, b) -> {
                List<Slot> both = new ArrayList<>(a);
                both.addAll(b);
                return List.copyOf(both);
            });
        }
        acceptedBy.forEach(Dispatch::accepted);
        inFlight.addAndGet(adds.size());
        for (PendingDelivery p : adds) {
            enter(p, now);
        }
        return dispatches;
    }

    /** Puts a pending delivery (accepted, resumed or replayed) on its way: into its group or its lane. */
    private void enter(PendingDelivery p, Instant now) {
        if (p.stage() == PendingDelivery.Stage.GROUPING) {
            Optional<String> key = grouping.keyOf(p.notification());
            if (key.isPresent()) {
                GroupTable.Added added = groups.add(new GroupTable.GroupId(p.channel(), key.get()), p, now);
                if (added.added()) {
                    added.timer().ifPresent(t -> scheduler.schedule(t.delay(), () -> flushDue(t)));
                    return;
                }
                LOG.debug("Group table full; sending {} on its own", p.key());
            }
        }
        Lane lane = laneFor(p.channel());
        if (lane == null) {
            finished();
            return;
        }
        lane.submit(new Lane.Job(p, now, sequence.incrementAndGet()));
    }

    private void flushDue(GroupTable.Timer t) {
        if (closed) {
            // a host's scheduler may outlive the dispatcher; the members stay in the outbox for the next one
            return;
        }
        Instant now = scheduler.now();
        groups.take(t.id(), t.generation(), now).ifPresent(b -> flush(b, now));
    }

    /** Turns a group's members into one delivery (itself or a digest), dropping muted members and repeats. */
    private void flush(GroupTable.Batch batch, Instant now) {
        GroupTable.GroupId id = batch.id();
        List<DeliveryKey> dropped = new ArrayList<>();
        Map<DeliveryKey, String> reasons = new HashMap<>();
        Map<String, PendingDelivery> byFingerprint = new LinkedHashMap<>();
        Map<DeliveryKey, String> fingerprints = new HashMap<>();
        int inhibited = 0;
        int repeats = 0;
        for (PendingDelivery m : batch.members()) {
            Notification n = m.notification();
            Optional<String> muted = inhibitions.isEmpty() ? Optional.empty() : inhibitions.mutedBy(n, now);
            if (muted.isPresent()) {
                dropped.add(m.key());
                reasons.put(m.key(), muted.get());
                inhibited++;
                continue;
            }
            String fp = Digests.fingerprint(n);
            fingerprints.put(m.key(), fp);
            if (groups.sentRecently(id, fp, now)) {
                dropped.add(m.key());
                reasons.put(m.key(), "repeat of a notification sent within the last " + grouping.repeatInterval());
                repeats++;
                continue;
            }
            PendingDelivery kept = byFingerprint.get(fp);
            if (kept == null) {
                byFingerprint.put(fp, m);
            } else {
                // keep the same one whatever the arrival order: the smallest id
                PendingDelivery keep = kept.notification().id().compareTo(n.id()) <= 0 ? kept : m;
                PendingDelivery drop = keep == kept ? m : kept;
                byFingerprint.put(fp, keep);
                dropped.add(drop.key());
                reasons.put(drop.key(), "repeat of notification " + keep.notification().id());
                repeats++;
            }
        }
        List<PendingDelivery> kept = new ArrayList<>(byFingerprint.values());
        PendingDelivery out = null;
        List<DeliveryKey> folded = List.of();
        if (kept.size() == 1) {
            out = kept.get(0).at(PendingDelivery.Stage.READY);
        } else if (kept.size() > 1) {
            Notification digest = Digests.digest(id.channel(), id.key(),
                    kept.stream().map(PendingDelivery::notification).toList(), grouping.maxDigestLines());
            out = new PendingDelivery(digest, id.channel(), PendingDelivery.Stage.READY);
            folded = kept.stream().map(PendingDelivery::key).toList();
        }
        List<DeliveryKey> settled = new ArrayList<>(dropped);
        settled.addAll(folded);
        try {
            outbox.record(new OutboxUpdate(out == null ? List.of() : List.of(out), List.of(), settled));
        } catch (OutboxException e) {
            LOG.error("Cannot record the flush of group {} on {}; it stays pending and is tried again: {}", id.key(),
                    id.channel(), e.getMessage());
            for (PendingDelivery m : batch.members()) {
                groups.add(id, m, now).timer().ifPresent(t -> scheduler.schedule(t.delay(), () -> flushDue(t)));
            }
            return;
        }
        metrics.suppressed("inhibited", inhibited);
        metrics.suppressed("repeat", repeats);
        metrics.suppressed("grouped", folded.size());
        groups.markSent(id, kept.stream().map(m -> fingerprints.get(m.key())).toList(), now);
        if (out != null && !folded.isEmpty()) {
            digestMembers.put(out.key(), folded);
            inFlight.incrementAndGet();
            inFlight.addAndGet(-folded.size());
        }
        for (DeliveryKey k : dropped) {
            complete(k, key -> DeliveryResult.failed(key, DeliveryResult.Outcome.SUPPRESSED, reasons.get(k), 0, now));
            finished();
        }
        if (out != null) {
            Lane lane = laneFor(out.channel());
            if (lane == null) {
                finished();
            } else {
                lane.submit(new Lane.Job(out, now, sequence.incrementAndGet()));
            }
        }
    }

    /** Re-enters every delivery the outbox holds (after a restart). */
    private void resume() {
        List<PendingDelivery> pending = outbox.pending();
        if (pending.isEmpty()) {
            return;
        }
        Instant now = scheduler.now();
        Map<String, Integer> stranded = new LinkedHashMap<>();
        long resumed = 0;
        for (PendingDelivery p : pending) {
            Resolution r = resolve(p.channel());
            if (r.channel() == null) {
                stranded.merge(p.channel(), 1, Integer::sum);
                continue;
            }
            inFlight.incrementAndGet();
            resumed++;
            enter(p, now);
        }
        LOG.info("Resumed {} pending deliveries from the outbox", resumed);
        stranded.forEach((channel, count) -> LOG.warn(
                "{} pending deliveries for channel {} stay in the outbox: {}", count, channel, resolve(channel).problem()));
    }

    private @Nullable Lane laneFor(String channel) {
        Resolution r = resolve(channel);
        NotificationChannel ch = r.channel();
        if (ch == null) {
            return null;
        }
        return lanes.computeIfAbsent(channel, name -> new Lane(ch, limitFor(name, ch), retry, scheduler, random, listener));
    }

    private Optional<RateLimit> limitFor(String name, NotificationChannel channel) {
        RateLimit configured = rateLimits.get(name);
        if (configured != null) {
            return Optional.of(configured);
        }
        Optional<RateLimit> declared = channel.rateLimit();
        return declared.isPresent() ? declared : Optional.ofNullable(KNOWN_LIMITS.get(name));
    }

    private Resolution resolve(String name) {
        return resolved.computeIfAbsent(name, this::create);
    }

    private Resolution create(String name) {
        NotificationChannel given = explicit.get(name);
        if (given != null) {
            return new Resolution(given, "", false);
        }
        Optional<NotificationChannelProvider> provider = providers.find(name);
        if (provider.isEmpty()) {
            if (name.equals(WebhookChannel.NAME)) {
                return new Resolution(null, "`webhook` channel requested but the providers given to this dispatcher do "
                        + "not include it: it ships with io.cikit:ci-core and is found by ServiceLoader discovery, or add "
                        + "it with builder.channel(WebhookChannel.builder()…build())", false);
            }
            String artifact = MODULES.getOrDefault(name, "a module providing it");
            try {
                providers.require(name, "channel", artifact);
            } catch (ConfigurationException e) {
                return new Resolution(null, e.getMessage(), false);
            }
        }
        NotificationChannelProvider p = provider.orElseThrow();
        try {
            NotificationChannel ch = Objects.requireNonNull(p.create(config.forPrefix("cikit." + name)), "provider returned no channel");
            if (!ch.name().equalsIgnoreCase(name)) {
                LOG.warn("Provider {} for `{}` made a channel named `{}`; using it as `{}`", p.getClass().getName(), name,
                        ch.name(), name);
            }
            return new Resolution(ch, "", true);
        } catch (ConfigurationException e) {
            LOG.warn("Channel `{}` is not configured: {}", name, e.getMessage());
            return new Resolution(null, "`" + name + "` channel is on the classpath but not configured: " + e.getMessage(), false);
        } catch (RuntimeException e) {
            LOG.warn("Channel `{}` could not be created", name, e);
            return new Resolution(null, "`" + name + "` channel could not be created: " + e, false);
        }
    }

    private void complete(DeliveryKey key, Function<DeliveryKey, DeliveryResult> result) {
        List<Slot> waiting = slots.remove(key);
        if (waiting != null) {
            DeliveryResult r = result.apply(key);
            for (Slot s : waiting) {
                s.dispatch().complete(s.index(), r);
            }
        }
    }

    private void finished() {
        if (inFlight.decrementAndGet() <= 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    private final class LaneListener implements Lane.Listener {
        @Override
        public void delivered(Lane.Job job, Instant at) {
            PendingDelivery p = job.delivery();
            DeliveryKey key = p.key();
            try {
                outbox.record(OutboxUpdate.acknowledge(key));
            } catch (OutboxException e) {
                LOG.warn("Delivered {} but could not acknowledge it in the outbox; it may be sent again: {}", key, e.getMessage());
            }
            metrics.sent(p.channel(), Duration.between(job.acceptedAt(), at));
            int attempts = job.attempts();
            complete(key, k -> DeliveryResult.ok(k, DeliveryResult.Outcome.DELIVERED, attempts, at));
            List<DeliveryKey> members = digestMembers.remove(key);
            if (members != null) {
                for (DeliveryKey m : members) {
                    complete(m, k -> DeliveryResult.ok(k, DeliveryResult.Outcome.GROUPED, attempts, at));
                }
            }
            finished();
        }

        @Override
        public void deadLettered(Lane.Job job, String tag, String reason, Instant at) {
            PendingDelivery p = job.delivery();
            DeliveryKey key = p.key();
            int attempts = job.attempts();
            try {
                outbox.record(OutboxUpdate.deadLetter(new DeadLetter(p.notification(), p.channel(), reason, attempts, at)));
            } catch (OutboxException e) {
                LOG.error("Could not dead-letter {}; it stays pending: {}", key, e.getMessage());
            }
            metrics.failed(p.channel(), tag);
            LOG.warn("Dead-lettered {} after {} attempts: {}", key, attempts, reason);
            complete(key, k -> DeliveryResult.failed(k, DeliveryResult.Outcome.DEAD_LETTERED, reason, attempts, at));
            List<DeliveryKey> members = digestMembers.remove(key);
            if (members != null) {
                for (DeliveryKey m : members) {
                    complete(m, k -> DeliveryResult.failed(k, DeliveryResult.Outcome.DEAD_LETTERED,
                            "in digest " + key.notificationId() + ": " + reason, attempts, at));
                }
            }
            finished();
        }

        @Override
        public void retrying(Lane.Job job, Lane.RetryKind kind, Duration wait, String reason) {
            metrics.retried(job.delivery().channel(), kind.tag());
            if (kind == Lane.RetryKind.RETRY_AFTER) {
                LOG.debug("Retrying {} in {} as the destination asked: {}", job.delivery().key(), wait, reason);
            } else {
                LOG.info("Retrying {} in {} (backoff): {}", job.delivery().key(), wait, reason);
            }
        }
    }

    /** Builds a {@link NotificationDispatcher}. Not thread-safe. */
    public static final class Builder {
        private @Nullable Outbox outbox;
        private @Nullable Scheduler scheduler;
        private int threads = 4;
        private RoutingRules routing = RoutingRules.defaults();
        private GroupingPolicy grouping = GroupingPolicy.defaults();
        private final List<InhibitionRule> inhibitions = new ArrayList<>();
        private RetryPolicy retry = RetryPolicy.DEFAULT;
        private @Nullable Severity minSeverity;
        private final Map<String, RateLimit> rateLimits = new HashMap<>();
        private final Map<String, NotificationChannel> explicit = new LinkedHashMap<>();
        private @Nullable Providers<NotificationChannelProvider> providers;
        private ProviderConfig config = ProviderConfig.empty();
        private MeterRegistry registry = Metrics.globalRegistry;
        private @Nullable RandomGenerator random;

        private Builder() {
        }

        /** Adds a channel by hand; it wins over a provider of the same name. The host keeps ownership of it. */
        public Builder channel(NotificationChannel channel) {
            Objects.requireNonNull(channel, "channel");
            explicit.put(Notification.channelName(channel.name()), channel);
            return this;
        }

        /**
         * Where channels not added by hand come from (default: {@code ServiceLoader} discovery of
         * {@link NotificationChannelProvider}). A provider's channel is created on first use.
         */
        public Builder providers(Providers<NotificationChannelProvider> providers) {
            this.providers = Objects.requireNonNull(providers, "providers");
            return this;
        }

        /**
         * Configuration with full keys, usually a {@link io.cikit.core.config.CiConfig} (default: nothing set). Read
         * for {@value #OUTBOX_DIR_KEY} and {@value #MIN_SEVERITY_KEY}; each provider receives the view
         * {@code config.forPrefix("cikit." + name)}.
         */
        public Builder config(ProviderConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * The outbox (the host keeps ownership). Without one, a {@link FileOutbox} is opened in
         * {@value #OUTBOX_DIR_KEY}; without that either, {@link #build} fails: pass an {@link InMemoryOutbox} to opt
         * out of durability.
         */
        public Builder outbox(Outbox outbox) {
            this.outbox = Objects.requireNonNull(outbox, "outbox");
            return this;
        }

        public Builder routing(RoutingRules rules) {
            this.routing = Objects.requireNonNull(rules, "rules");
            return this;
        }

        public Builder grouping(GroupingPolicy policy) {
            this.grouping = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Adds an inhibition rule (none by default; {@link InhibitionRule#buildBroken()} is the usual one). */
        public Builder inhibit(InhibitionRule rule) {
            inhibitions.add(Objects.requireNonNull(rule, "rule"));
            return this;
        }

        public Builder retry(RetryPolicy policy) {
            this.retry = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Notifications below this are suppressed (default: {@value #MIN_SEVERITY_KEY}, else INFO). */
        public Builder minSeverity(Severity min) {
            this.minSeverity = Objects.requireNonNull(min, "min");
            return this;
        }

        /**
         * The rate a channel is held to, overriding what the channel declares and the built-in defaults (slack
         * {@link RateLimit#SLACK}, teams {@link RateLimit#TEAMS}).
         */
        public Builder rateLimit(String channel, RateLimit limit) {
            rateLimits.put(Notification.channelName(channel), Objects.requireNonNull(limit, "limit"));
            return this;
        }

        /** The clock and timers (the host keeps ownership). Default: {@link Scheduler#system} with {@link #threads}. */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /** Threads of the default scheduler (default 4). */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1");
            }
            this.threads = threads;
            return this;
        }

        /**
         * Where metrics go (default {@link Metrics#globalRegistry}): {@code cikit.notify.sent} (channel),
         * {@code cikit.notify.failed} (channel, reason), {@code cikit.notify.retried} (channel, kind),
         * {@code cikit.notify.suppressed} (reason), {@code cikit.notify.outbox.depth},
         * {@code cikit.notify.outbox.dead-letters}, {@code cikit.notify.delivery.latency} (channel).
         */
        public Builder meterRegistry(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** The random source of backoff jitter (tests pin it). */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * Builds the dispatcher and resumes every delivery its outbox holds.
         *
         * @throws ConfigurationException when there is no outbox and no {@value #OUTBOX_DIR_KEY}, or
         *     {@value #MIN_SEVERITY_KEY} is not a severity
         * @throws OutboxException when the configured outbox directory cannot be opened
         */
        public NotificationDispatcher build() {
            List<String> problems = new ArrayList<>();
            Severity min = minSeverity;
            if (min == null) {
                Optional<String> text = config.get(MIN_SEVERITY_KEY);
                min = text.flatMap(Severity::parse).orElse(Severity.INFO);
                if (text.isPresent() && Severity.parse(text.get()).isEmpty()) {
                    problems.add(MIN_SEVERITY_KEY + " must be one of INFO, WARNING, ERROR, CRITICAL, not '" + text.get() + "'");
                }
            }
            Optional<String> dir = config.get(OUTBOX_DIR_KEY);
            if (outbox == null && dir.isEmpty()) {
                problems.add("no outbox: set " + OUTBOX_DIR_KEY + ", or call outbox(FileOutbox.open(dir)), or "
                        + "outbox(new InMemoryOutbox()) to opt out of durability");
            }
            if (!problems.isEmpty()) {
                throw new ConfigurationException(problems);
            }
            if (outbox != null) {
                return new NotificationDispatcher(this, outbox, false, min);
            }
            FileOutbox opened = FileOutbox.open(Path.of(dir.orElseThrow()));
            try {
                return new NotificationDispatcher(this, opened, true, min);
            } catch (RuntimeException e) {
                opened.close();
                throw e;
            }
        }
    }

    @Override
    public String toString() {
        return "NotificationDispatcher[channels=" + availableChannels() + ", inFlight=" + inFlight.get() + ", minSeverity="
                + minSeverity.name().toLowerCase(Locale.ROOT) + "]";
    }
}
