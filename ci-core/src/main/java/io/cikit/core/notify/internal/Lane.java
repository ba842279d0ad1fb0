package io.cikit.core.notify.internal;

import io.cikit.core.DeliveryException;
import io.cikit.core.notify.NotificationChannel;
import io.cikit.core.notify.PendingDelivery;
import io.cikit.core.notify.RateLimit;
import io.cikit.core.notify.RetryPolicy;
import io.cikit.core.notify.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue of ready deliveries for one channel, sent one at a time: worst severity first, then in acceptance
 * order. The lane keeps the destination's pace: a token bucket for its rate limit, a pause for a
 * {@code Retry-After}, and a jittered backoff after a retryable failure, during which the failed delivery stays at
 * the head and is tried again. None of this uses grouping timers.
 *
 * <p>Thread-safe. Channel calls run as scheduler tasks, never on the thread that submits.
 */
public final class Lane {
    private static final Logger LOG = LoggerFactory.getLogger(Lane.class);

    /** Where a lane reports what became of its deliveries. Called on a scheduler thread, outside the lane's lock. */
    public interface Listener {
        void delivered(Job job, Instant at);

        /** @param tag {@code permanent}, {@code retries-exhausted} or {@code expired} */
        void deadLettered(Job job, String tag, String reason, Instant at);

        void retrying(Job job, RetryKind kind, Duration wait, String reason);
    }

    /** Why a delivery is tried again. */
    public enum RetryKind {
        BACKOFF("backoff"),
        RETRY_AFTER("retry-after");

        private final String tag;

        RetryKind(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    /** One delivery on its way through the lane. */
    public static final class Job {
        private final PendingDelivery delivery;
        private final Instant acceptedAt;
        private final long seq;
        private int attempts;
        private int failures;

        public Job(PendingDelivery delivery, Instant acceptedAt, long seq) {
            this.delivery = delivery;
            this.acceptedAt = acceptedAt;
            this.seq = seq;
        }

        public PendingDelivery delivery() {
            return delivery;
        }

        public Instant acceptedAt() {
            return acceptedAt;
        }

        /** Calls made to the channel so far. */
        public synchronized int attempts() {
            return attempts;
        }
    }

    private static final Comparator<Job> ORDER = Comparator
            .comparing((Job j) -> j.delivery.notification().severity()).reversed()
            .thenComparingLong(j -> j.seq);

    private final NotificationChannel channel;
    private final RetryPolicy retry;
    private final Scheduler scheduler;
    private final RandomGenerator random;
    private final Listener listener;
    private final @Nullable TokenBucket bucket;

    // guarded by this
    private final PriorityQueue<Job> queue = new PriorityQueue<>(ORDER);
    private boolean busy;
    private boolean running;
    private boolean wakeScheduled;
    private boolean stopped;
    private Instant pausedUntil = Instant.MIN;
    private int consecutiveFailures;

    public Lane(NotificationChannel channel, Optional<RateLimit> limit, RetryPolicy retry, Scheduler scheduler,
                RandomGenerator random, Listener listener) {
        this.channel = channel;
        this.retry = retry;
        this.scheduler = scheduler;
        this.random = random;
        this.listener = listener;
        this.bucket = limit.map(l -> new TokenBucket(l, scheduler.now())).orElse(null);
    }

    public String channel() {
        return channel.name();
    }

    /** Queues a delivery and starts sending if the lane is free. */
    public void submit(Job job) {
        synchronized (this) {
            queue.add(job);
        }
        pump();
    }

    /** Deliveries queued or in flight. */
    public synchronized int backlog() {
        return queue.size() + (busy ? 1 : 0);
    }

    /** Whether a channel call is under way right now. */
    public synchronized boolean running() {
        return running;
    }

    /** Stops taking deliveries off the queue; one in flight finishes. */
    public synchronized void stop() {
        stopped = true;
    }

    private void pump() {
        Job job;
        synchronized (this) {
            if (stopped || busy || wakeScheduled || queue.isEmpty()) {
                return;
            }
            Instant now = scheduler.now();
            Duration wait = pausedUntil.isAfter(now) ? Duration.between(now, pausedUntil) : Duration.ZERO;
            if (bucket != null) {
                Duration tokenWait = bucket.delay(now);
                wait = tokenWait.compareTo(wait) > 0 ? tokenWait : wait;
            }
            if (!wait.isZero()) {
                wakeScheduled = true;
                scheduler.schedule(wait, this::wake);
                return;
            }
            if (bucket != null) {
                bucket.take(now);
            }
            job = queue.poll();
            busy = true;
        }
        scheduler.schedule(Duration.ZERO, () -> attempt(job));
    }

    private void wake() {
        synchronized (this) {
            wakeScheduled = false;
        }
        pump();
    }

    private void attempt(Job job) {
        synchronized (this) {
            if (stopped) {
                queue.add(job);
                busy = false;
                return;
            }
            running = true;
        }
        try {
            attemptNow(job);
        } finally {
            synchronized (this) {
                running = false;
            }
        }
    }

    private void attemptNow(Job job) {
        Instant start = scheduler.now();
        Instant deadline = job.acceptedAt.plus(retry.maxAge());
        if (!start.isBefore(deadline)) {
            finish(false);
            listener.deadLettered(job, "expired", "expired: still undelivered " + retry.maxAge() + " after it was accepted", start);
            pump();
            return;
        }
        synchronized (job) {
            job.attempts++;
        }
        DeliveryException failure = null;
        try {
            channel.deliver(job.delivery.notification(), job.delivery.key().idempotencyKey());
        } catch (DeliveryException e) {
            failure = e;
        } catch (RuntimeException e) {
            // the SPI allows only DeliveryException; treat anything else as a fault that may pass
            LOG.warn("Channel {} threw {} instead of a DeliveryException", channel.name(), e.getClass().getName(), e);
            failure = new DeliveryException("channel threw " + e.getClass().getSimpleName() + ": " + e.getMessage(), true, e);
        }
        Instant now = scheduler.now();
        try {
            if (failure == null) {
                synchronized (this) {
                    consecutiveFailures = 0;
                    busy = false;
                }
                listener.delivered(job, now);
            } else if (!failure.retryable()) {
                // the destination answered: it is reachable, so the lane's backoff starts over
                finish(true);
                listener.deadLettered(job, "permanent", "permanent: " + failure.getMessage(), now);
            } else if (failure.retryAfter().isPresent()) {
                Duration wait = failure.retryAfter().get();
                retryLater(job, now, deadline, wait, RetryKind.RETRY_AFTER, failure.getMessage());
            } else {
                int failures;
                int lane;
                synchronized (job) {
                    failures = ++job.failures;
                }
                synchronized (this) {
                    lane = ++consecutiveFailures;
                }
                if (failures >= retry.maxAttempts()) {
                    finish(false);
                    listener.deadLettered(job, "retries-exhausted", "gave up after " + failures + " attempts: " + failure.getMessage(), now);
                } else {
                    long ceiling = retry.backoffCeiling(lane).toMillis();
                    long millis;
                    synchronized (random) {
                        millis = ceiling <= 0 ? 0 : random.nextLong(ceiling + 1);
                    }
                    retryLater(job, now, deadline, Duration.ofMillis(millis), RetryKind.BACKOFF, failure.getMessage());
                }
            }
        } finally {
            pump();
        }
    }

    private void retryLater(Job job, Instant now, Instant deadline, Duration wait, RetryKind kind, String reason) {
        Instant next = now.plus(wait);
        if (next.isAfter(deadline)) {
            finish(false);
            listener.deadLettered(job, "expired", "expired: next attempt allowed at " + next + ", after the maximum age (" + kind.tag()
                    + " " + wait + "): " + reason, now);
            return;
        }
        synchronized (this) {
            if (next.isAfter(pausedUntil)) {
                pausedUntil = next;
            }
            queue.add(job);
            busy = false;
        }
        listener.retrying(job, kind, wait, reason);
    }

    private synchronized void finish(boolean resetFailures) {
        busy = false;
        if (resetFailures) {
            consecutiveFailures = 0;
        }
    }
}
