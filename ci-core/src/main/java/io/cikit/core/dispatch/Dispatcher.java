package io.cikit.core.dispatch;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link TestJob}s on the boards of a {@link BoardPool}: a bounded priority queue, one exclusive {@link Lease}
 * per board, per-job timeouts, cancellation, retries of infrastructure failures on other boards, and board health.
 *
 * <h2>Scheduling</h2>
 * Jobs wait in queue order: higher {@link TestJob#priority()} first, then earlier submission. With aging (the
 * default, one priority point per {@link Builder#agingStep minute} of waiting) a job's standing improves the longer
 * it waits, so a priority-0 job overtakes every job submitted more than 100 aging steps after it: nothing starves.
 * A free board takes the first job in that order whose {@link BoardSelector} it matches. Boards are handed out
 * least-recently-used first.
 *
 * <h2>Failures</h2>
 * <ul>
 *   <li>{@link RunOutcome#INFRA_ERROR} (and a runner that crashes, or lets its lease expire) is retried on a board the
 *       job has not tried yet, up to {@link TestJob#maxAttempts()}; then the job ends as {@link JobOutcome#INFRA_ERROR}.
 *       When no untried board matches, it ends at once.</li>
 *   <li>Such a failure counts against the board; after {@link Builder#unhealthyAfter} in a row (default 3) the board is
 *       marked {@link BoardHealth#UNHEALTHY} and skipped. With a {@link Builder#healthCheck health-check job}, one is
 *       queued for it (and for boards that come back as UNKNOWN); a board is HEALTHY again when it passes. Without one,
 *       an operator brings it back with {@link BoardPool#online}.</li>
 *   <li>A job running past its timeout is stopped and ends as {@link JobOutcome#TIMEOUT}, not retried. A board taken
 *       offline or removed has its job stopped and retried elsewhere, without counting against the board.</li>
 *   <li>A stopped runner that has not reported within {@link Builder#stopGrace} (default 30 s) is given up on: the
 *       attempt ends without it and counts against the board.</li>
 * </ul>
 *
 * <h2>Threads and limits</h2>
 * Runners start on the {@link Builder#executor host's executor} or on an owned pool of at most
 * {@link Builder#maxRunThreads} threads; one owned timer thread checks timeouts and leases every
 * {@link Builder#tickInterval} (default 200 ms). {@link #close()} cancels everything and shuts down what it owns.
 * The queue holds {@link Builder#maxQueued} jobs (default 10,000); {@link #submit} beyond that throws
 * {@link QueueFullException}. All methods are thread-safe. Time comes from an injectable {@link Clock}.
 *
 * <h2>Metrics</h2>
 * {@code cikit.dispatch.queue.depth} and {@code cikit.dispatch.running} (gauges), {@code cikit.dispatch.wait} (time
 * to first start), {@code cikit.dispatch.run} (per attempt, by {@code board.type} and {@code outcome}),
 * {@code cikit.dispatch.jobs} (by {@code board.type} and {@code outcome}), {@code cikit.dispatch.infra.failures} and
 * {@code cikit.dispatch.rejected}, all tagged {@code dispatcher}.
 */
public final class Dispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final String NO_BOARD = "none";

    private final BoardPool pool;
    private final Map<String, HardwareRunner> runners;
    private final Clock clock;
    private final int maxQueued;
    private final Duration leaseDuration;
    private final int unhealthyAfter;
    private final long agingMillis;
    private final Duration stopGrace;
    private final @Nullable Function<Board, TestJob> healthCheck;
    private final Executor executor;
    private final @Nullable ExecutorService ownedExecutor;
    private final ScheduledExecutorService ticker;
    private final boolean ownedTicker;
    private final ScheduledFuture<?> tickTask;
    private final DispatchMetrics metrics;
    private final @Nullable Path configuredWorkDirectory;
    private final List<DispatchListener> listeners = new CopyOnWriteArrayList<>();
    private final BoardEvent.Listener poolListener = this::onBoardEvent;
    private final ThreadLocal<ArrayDeque<Runnable>> draining = new ThreadLocal<>();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition attemptsChanged = lock.newCondition();
    // guarded by lock
    private final Map<String, JobEntry> active = new HashMap<>();
    private final JobQueue queue = new JobQueue();
    private final Map<String, BoardSlot> slots = new LinkedHashMap<>();
    /** Slots with nothing running, least recently used first. */
    private final LinkedHashSet<BoardSlot> idle = new LinkedHashSet<>();
    private int regularQueued;
    private int running;
    private long seq;
    private boolean closed;
    private volatile @Nullable Path workDirectory;

    private Dispatcher(Builder b) {
        this.pool = Objects.requireNonNull(b.pool, "pool");
        this.runners = Map.copyOf(b.runners);
        this.clock = b.clock;
        this.maxQueued = b.maxQueued;
        this.leaseDuration = b.leaseDuration;
        this.unhealthyAfter = b.unhealthyAfter;
        this.agingMillis = b.agingStep.toMillis();
        this.stopGrace = b.stopGrace;
        this.healthCheck = b.healthCheck;
        this.configuredWorkDirectory = b.workDirectory;
        this.metrics = new DispatchMetrics(b.registry, b.name);
        if (b.executor != null) {
            this.executor = b.executor;
            this.ownedExecutor = null;
        } else {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(0, b.maxRunThreads, 30, TimeUnit.SECONDS,
                    new SynchronousQueue<>(), daemonThreads("cikit-dispatch-run-"));
            this.executor = pool;
            this.ownedExecutor = pool;
        }
        if (b.scheduler != null) {
            this.ticker = b.scheduler;
            this.ownedTicker = false;
        } else {
            this.ticker = Executors.newSingleThreadScheduledExecutor(daemonThreads("cikit-dispatch-tick-"));
            this.ownedTicker = true;
        }
        b.listeners.forEach(this::addListener);
        pool.addListener(poolListener);
        List<Runnable> fx = new ArrayList<>();
        lock.lock();
        try {
            for (Board board : pool.boards()) {
                addSlot(board, fx);
            }
        } finally {
            lock.unlock();
        }
        perform(fx);
        long tick = b.tickInterval.toMillis();
        this.tickTask = ticker.scheduleWithFixedDelay(this::tickSafely, tick, tick, TimeUnit.MILLISECONDS);
    }

    /** A builder for a dispatcher over this pool. */
    public static Builder builder(BoardPool pool) {
        return new Builder(pool);
    }

    /**
     * Queues a job. Returns at once; the job starts when a matching board is free. A job no board in the pool matches
     * ends at once as {@link JobOutcome#INFRA_ERROR}.
     *
     * @throws QueueFullException when {@link Builder#maxQueued} jobs are waiting
     * @throws IllegalArgumentException when a job with the same id is queued or running
     * @throws IllegalStateException after {@link #close()}
     */
    public JobHandle submit(TestJob job) {
        Objects.requireNonNull(job, "job");
        List<Runnable> fx = new ArrayList<>();
        JobEntry entry;
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the dispatcher is closed");
            }
            if (active.containsKey(job.id())) {
                throw new IllegalArgumentException("job " + job.id() + " is already queued or running");
            }
            if (regularQueued >= maxQueued) {
                metrics.rejected();
                throw new QueueFullException(maxQueued);
            }
            entry = newEntry(job, null);
            if (!boardPossible(entry)) {
                finish(entry, JobOutcome.INFRA_ERROR, "no board in the pool matches the job's selector", null, fx);
            } else {
                enqueue(entry, fx);
                place(entry, fx);
            }
        } finally {
            lock.unlock();
        }
        perform(fx);
        return new JobHandle(entry, this);
    }

    /** The handle of a queued or running job. */
    public Optional<JobHandle> find(String jobId) {
        lock.lock();
        try {
            JobEntry e = active.get(jobId);
            return e == null ? Optional.empty() : Optional.of(new JobHandle(e, this));
        } finally {
            lock.unlock();
        }
    }

    /** Handles of every queued and running job, health checks included. */
    public List<JobHandle> jobs() {
        lock.lock();
        try {
            return active.values().stream().map(e -> new JobHandle(e, this)).toList();
        } finally {
            lock.unlock();
        }
    }

    public DispatchStats stats() {
        lock.lock();
        try {
            Map<BoardHealth, Integer> byHealth = new EnumMap<>(BoardHealth.class);
            int idleBoards = 0;
            for (BoardSlot s : slots.values()) {
                if (!s.removed) {
                    byHealth.merge(s.board.health(), 1, Integer::sum);
                    if (s.running == null && !s.checkPending && s.board.health().acceptsJobs()) {
                        idleBoards++;
                    }
                }
            }
            return new DispatchStats(queue.size(), running, idleBoards, byHealth);
        } finally {
            lock.unlock();
        }
    }

    public void addListener(DispatchListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(DispatchListener listener) {
        listeners.remove(listener);
    }

    /**
     * Cancels every queued job, stops every running one, waits up to the stop grace for their runners, and shuts down
     * the threads this dispatcher owns. Every job's future is complete when this returns. Idempotent.
     */
    @Override
    public void close() {
        List<Runnable> fx = new ArrayList<>();
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (JobEntry e : queue.removeIf(e -> true)) {
                regularQueued -= e.healthCheckFor == null ? 1 : 0;
                finish(e, JobOutcome.CANCELLED, "the dispatcher closed", null, fx);
            }
            metrics.queued.set(0);
            for (BoardSlot s : slots.values()) {
                if (s.running != null) {
                    stop(s.running, StopReason.CLOSED, "the dispatcher closed", fx);
                }
            }
        } finally {
            lock.unlock();
        }
        perform(fx);
        List<AttemptRun> stuck = new ArrayList<>();
        lock.lock();
        try {
            long left = stopGrace.toNanos();
            while (running > 0 && left > 0) {
                left = attemptsChanged.awaitNanos(left);
            }
            slots.values().stream().map(s -> s.running).filter(Objects::nonNull).forEach(stuck::add);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            slots.values().stream().map(s -> s.running).filter(Objects::nonNull).forEach(stuck::add);
        } finally {
            lock.unlock();
        }
        for (AttemptRun r : stuck) {
            attemptEnded(r, RunReport.of(RunOutcome.INFRA_ERROR, "the runner did not stop"), false, true);
        }
        pool.removeListener(poolListener);
        tickTask.cancel(false);
        if (ownedTicker) {
            ticker.shutdownNow();
        }
        if (ownedExecutor != null) {
            ownedExecutor.shutdown();
        }
    }

    // ---- package-private for tests: one round of timer work, as the ticker runs it

    void tick() {
        List<Runnable> fx = new ArrayList<>();
        List<AttemptRun> givenUp = new ArrayList<>();
        lock.lock();
        try {
            long now = clock.millis();
            for (BoardSlot s : slots.values()) {
                AttemptRun r = s.running;
                if (r == null || r.ended) {
                    continue;
                }
                if (r.stop == null) {
                    if (now >= r.deadlineMillis) {
                        stop(r, StopReason.TIMEOUT, "timeout", fx);
                    } else if (r.lease.expiredAt(now)) {
                        stop(r, StopReason.LEASE_EXPIRED, "lease expired", fx);
                    }
                } else if (now - r.stopRequestedMillis >= stopGrace.toMillis()) {
                    givenUp.add(r);
                }
            }
            for (BoardSlot s : new ArrayList<>(idle)) {
                assign(s, fx);
            }
        } finally {
            lock.unlock();
        }
        perform(fx);
        for (AttemptRun r : givenUp) {
            attemptEnded(r, RunReport.of(RunOutcome.INFRA_ERROR, "the runner did not stop"), false, true);
        }
    }

    // ---- the lifecycle of a job, all under the lock; side effects go to fx and run after unlocking

    private JobEntry newEntry(TestJob job, @Nullable String healthCheckFor) {
        long now = clock.millis();
        long s = ++seq;
        long rank = agingMillis > 0 ? now - job.priority() * agingMillis : -job.priority() * (1L << 42) + now;
        JobEntry e = new JobEntry(job, s, now, rank, healthCheckFor);
        active.put(job.id(), e);
        return e;
    }

    private void enqueue(JobEntry e, List<Runnable> fx) {
        e.state = JobState.QUEUED;
        queue.add(e);
        if (e.healthCheckFor == null) {
            regularQueued++;
        }
        metrics.queued.set(queue.size());
        int next = e.attemptCount + 1;
        fx.add(() -> notifyListeners(l -> l.jobQueued(e.job, next)));
    }

    private void dequeue(JobEntry e) {
        if (queue.remove(e) && e.healthCheckFor == null) {
            regularQueued--;
        }
        metrics.queued.set(queue.size());
    }

    /** Starts a newly queued job on an idle board if one takes it (no queued job wants an idle board, so it is the best). */
    private void place(JobEntry e, List<Runnable> fx) {
        for (BoardSlot s : idle) {
            if (e.job.selector().matches(s.board) && s.accepts(e)) {
                start(e, s, fx);
                return;
            }
        }
    }

    /** Gives an idle board the first queued job it takes. */
    private void assign(BoardSlot s, List<Runnable> fx) {
        if (closed || s.removed || s.running != null) {
            return;
        }
        JobEntry e = queue.best(s);
        if (e != null) {
            start(e, s, fx);
        }
    }

    private void start(JobEntry e, BoardSlot s, List<Runnable> fx) {
        dequeue(e);
        long now = clock.millis();
        int n = e.attemptCount + 1;
        e.attemptCount = n;
        e.tried.add(s.id());
        Lease lease = new Lease(s.id(), e.job.id(), n, leaseDuration, clock);
        AttemptRun run = new AttemptRun(e, s, n, lease, now, saturatedAdd(now, e.job.timeout().toMillis()),
                Path.of(e.job.id(), "attempt-" + n + "-" + s.id()));
        s.running = run;
        idle.remove(s);
        e.current = run;
        e.state = JobState.RUNNING;
        e.lastBoard = s.board;
        running++;
        metrics.running.set(running);
        if (e.firstStartMillis < 0) {
            e.firstStartMillis = now;
            metrics.waited(Duration.ofMillis(Math.max(0, now - e.submitMillis)));
        }
        LOG.debug("job {} attempt {} on board {}", e.job.id(), n, s.id());
        Board board = s.board;
        fx.add(() -> notifyListeners(l -> l.attemptStarted(e.job, board, n)));
        fx.add(() -> launch(run));
    }

    private void launch(AttemptRun run) {
        try {
            executor.execute(() -> startRunner(run));
        } catch (RejectedExecutionException e) {
            attemptEnded(run, RunReport.of(RunOutcome.INFRA_ERROR, "no thread to start the run on (executor full or shut down)"),
                    true, false);
        }
    }

    private void startRunner(AttemptRun run) {
        HardwareRunner runner = runners.get(run.board.runner());
        if (runner == null) {
            attemptEnded(run, RunReport.of(RunOutcome.INFRA_ERROR, "no runner named `" + run.board.runner()
                    + "` is configured for board " + run.board.id()), false, false);
            return;
        }
        RunHandle handle;
        try {
            Instant deadline = Instant.ofEpochMilli(run.deadlineMillis);
            handle = Objects.requireNonNull(runner.start(new RunContext(run.entry.job, run.board, run.number, run.lease,
                    deadline, executor, clock, () -> outputDirectory(run))), "runner returned no handle");
        } catch (UncheckedIOException e) {
            attemptEnded(run, RunReport.of(RunOutcome.INFRA_ERROR, e.getMessage()), true, false);
            return;
        } catch (RuntimeException e) {
            LOG.warn("Runner {} failed to start job {} on {}: {}", runner.name(), run.entry.job.id(), run.board.id(),
                    e.toString(), e);
            attemptEnded(run, RunReport.of(RunOutcome.INFRA_ERROR, "runner " + runner.name() + " failed to start: " + e),
                    false, false);
            return;
        }
        boolean stopNow;
        lock.lock();
        try {
            run.handle = handle;
            stopNow = run.stop != null && !run.ended;
        } finally {
            lock.unlock();
        }
        if (stopNow) {
            cancelQuietly(handle);
        }
        handle.result().whenComplete((report, error) -> attemptEnded(run, report != null ? report
                : RunReport.of(RunOutcome.INFRA_ERROR, "runner " + runner.name() + " failed: " + error), false, false));
    }

    /**
     * Ends an attempt and decides what follows: the job's end, or a retry; the board's failure count and health.
     *
     * @param dispatcherFault the dispatcher, not the board, failed (no thread, no directory): not counted against it
     * @param forced the runner never reported after being stopped
     */
    private void attemptEnded(AttemptRun run, RunReport report, boolean dispatcherFault, boolean forced) {
        List<Runnable> fx = new ArrayList<>();
        lock.lock();
        try {
            if (run.ended) {
                return;
            }
            run.ended = true;
            run.forced = forced;
            JobEntry e = run.entry;
            BoardSlot s = run.slot;
            long now = clock.millis();
            run.lease.release();
            s.running = null;
            e.current = null;
            running--;
            metrics.running.set(running);
            attemptsChanged.signalAll();

            JobOutcome outcome;
            String reason = report.reason().orElse("");
            boolean blame = false;
            boolean retry = false;
            boolean good = false;
            if (run.stop != null) {
                switch (run.stop) {
                    case CANCELLED -> {
                        outcome = JobOutcome.CANCELLED;
                        reason = "cancelled while running";
                    }
                    case CLOSED -> {
                        outcome = JobOutcome.CANCELLED;
                        reason = "the dispatcher closed";
                    }
                    case TIMEOUT -> {
                        outcome = JobOutcome.TIMEOUT;
                        reason = "ran longer than its timeout of " + e.job.timeout();
                    }
                    case BOARD_GONE -> {
                        outcome = JobOutcome.INFRA_ERROR;
                        reason = "board " + s.id() + " went away: " + run.stopDetail;
                        retry = true;
                    }
                    default -> {
                        outcome = JobOutcome.INFRA_ERROR;
                        reason = "the runner stopped renewing its lease on board " + s.id() + " (it died or hung)";
                        retry = true;
                        blame = true;
                    }
                }
                if (forced) {
                    blame = true;
                    reason += "; the runner did not stop within " + stopGrace;
                }
            } else {
                switch (report.outcome()) {
                    case COMPLETE -> {
                        outcome = JobOutcome.COMPLETE;
                        good = true;
                    }
                    case TEST_FAILURES -> {
                        outcome = JobOutcome.TEST_FAILURES;
                        good = true;
                    }
                    case JOB_ERROR -> {
                        outcome = JobOutcome.INFRA_ERROR;
                        reason = "the job cannot run: " + (reason.isEmpty() ? "invalid job" : reason);
                    }
                    default -> {
                        outcome = JobOutcome.INFRA_ERROR;
                        if (reason.isEmpty()) {
                            reason = report.outcome() == RunOutcome.STOPPED ? "the runner stopped on its own"
                                    : "infrastructure error";
                        }
                        retry = true;
                        blame = !dispatcherFault;
                    }
                }
            }
            Attempt attempt = new Attempt(run.number, s.id(), run.board.type(), outcome,
                    Optional.of(reason).filter(r -> !r.isEmpty()), Instant.ofEpochMilli(run.startMillis),
                    Instant.ofEpochMilli(now), shownDirectory(run), report.consoleLog(), blame);
            e.attempts.add(attempt);
            metrics.attemptRan(run.board.type(), outcome, attempt.runTime());
            fx.add(() -> notifyListeners(l -> l.attemptEnded(e.job, attempt)));

            if (blame) {
                s.consecutiveInfraFailures++;
                metrics.infraFailure(run.board.type());
                if (e.healthCheckFor == null && s.consecutiveInfraFailures >= unhealthyAfter
                        && s.board.health().acceptsJobs()) {
                    setHealth(s, BoardHealth.UNHEALTHY, s.consecutiveInfraFailures
                            + " infrastructure failures in a row, the last: " + reason, fx);
                    queueHealthCheck(s, fx);
                }
            } else if (good) {
                s.consecutiveInfraFailures = 0;
                if (e.healthCheckFor == null && s.board.health() == BoardHealth.UNKNOWN) {
                    setHealth(s, BoardHealth.HEALTHY, "job " + e.job.id() + " ran", fx);
                }
            }
            boolean adminHold = s.board.health() == BoardHealth.MAINTENANCE || s.board.health() == BoardHealth.OFFLINE;
            if (e.healthCheckFor != null) {
                s.checkPending = false;
                retry = false;
                if (adminHold) {
                    LOG.info("health check {} ended {} while board {} is {}; its health stays", e.job.id(), outcome,
                            s.id(), s.board.health());
                } else if (outcome == JobOutcome.COMPLETE) {
                    s.consecutiveInfraFailures = 0;
                    setHealth(s, BoardHealth.HEALTHY, "health check " + e.job.id() + " passed", fx);
                } else if (outcome != JobOutcome.CANCELLED && run.stop != StopReason.BOARD_GONE) {
                    setHealth(s, BoardHealth.UNHEALTHY, "health check " + e.job.id() + " failed: " + outcome
                            + (reason.isEmpty() ? "" : " (" + reason + ")"), fx);
                }
            }

            if (retry && !closed && !e.cancelRequested) {
                if (e.attemptCount >= e.job.maxAttempts()) {
                    finish(e, JobOutcome.INFRA_ERROR, reason + " (after " + e.attemptCount + " attempts)", report, fx);
                } else if (!boardPossible(e)) {
                    finish(e, JobOutcome.INFRA_ERROR, reason + "; no other board matches to retry on", report, fx);
                } else {
                    LOG.info("job {} attempt {} on {} hit an infrastructure failure ({}); retrying on another board",
                            e.job.id(), run.number, s.id(), reason);
                    enqueue(e, fx);
                    place(e, fx);
                }
            } else if (e.cancelRequested && outcome == JobOutcome.INFRA_ERROR && retry) {
                finish(e, JobOutcome.CANCELLED, "cancelled", report, fx);
            } else {
                finish(e, outcome, reason, report, fx);
            }

            if (s.removed) {
                // only this slot: the board may have been added again meanwhile, with a slot of its own
                slots.remove(s.id(), s);
            } else {
                idle.add(s);
                assign(s, fx);
            }
        } finally {
            lock.unlock();
        }
        perform(fx);
    }

    private void finish(JobEntry e, JobOutcome outcome, String reason, @Nullable RunReport report, List<Runnable> fx) {
        active.remove(e.job.id());
        dequeue(e);
        e.state = JobState.FINISHED;
        Board board = e.lastBoard;
        long now = clock.millis();
        JobResult result = new JobResult(e.job.id(), e.job.name(), outcome,
                Optional.of(reason).filter(r -> !r.isEmpty() && outcome != JobOutcome.COMPLETE),
                Optional.ofNullable(board), e.attempts,
                report == null ? List.of() : report.tests(),
                report == null ? Optional.empty() : report.consoleLog(),
                report == null ? List.of() : report.console().map(c -> c.incidents()).orElse(List.of()),
                report == null ? Optional.empty() : report.console().flatMap(c -> c.lastStage()),
                Instant.ofEpochMilli(e.submitMillis),
                e.firstStartMillis < 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(e.firstStartMillis)),
                Instant.ofEpochMilli(Math.max(now, e.submitMillis)), e.healthCheckFor != null, e.job.origin(),
                report == null ? Map.of() : report.details());
        metrics.finished(board == null ? NO_BOARD : board.type(), outcome);
        LOG.debug("job {} finished: {} {}", e.job.id(), outcome, reason);
        fx.add(() -> {
            notifyListeners(l -> l.jobFinished(result));
            e.future.complete(result);
        });
    }

    boolean cancel(JobEntry e) {
        List<Runnable> fx = new ArrayList<>();
        lock.lock();
        try {
            if (e.state == JobState.FINISHED || e.cancelRequested) {
                return false;
            }
            e.cancelRequested = true;
            if (e.current != null) {
                stop(e.current, StopReason.CANCELLED, "cancelled", fx);
            } else {
                finish(e, JobOutcome.CANCELLED, "cancelled while queued", null, fx);
            }
        } finally {
            lock.unlock();
        }
        perform(fx);
        return true;
    }

    private void stop(AttemptRun run, StopReason why, String detail, List<Runnable> fx) {
        if (run.stop != null || run.ended) {
            return;
        }
        run.stop = why;
        run.stopDetail = detail;
        run.stopRequestedMillis = clock.millis();
        LOG.debug("stopping job {} attempt {} on {}: {}", run.entry.job.id(), run.number, run.slot.id(), why);
        RunHandle h = run.handle;
        if (h != null) {
            fx.add(() -> cancelQuietly(h));
        }
    }

    /** Whether some board in the pool matches the job and has not been tried by it (offline ones may come back). */
    private boolean boardPossible(JobEntry e) {
        for (BoardSlot s : slots.values()) {
            if (!s.removed && !e.tried.contains(s.id()) && e.job.selector().matches(s.board)) {
                return true;
            }
        }
        return false;
    }

    // ---- boards

    private void onBoardEvent(BoardEvent event) {
        List<Runnable> fx = new ArrayList<>();
        lock.lock();
        try {
            if (closed) {
                return;
            }
            String id = event.board().id();
            Optional<Board> now = pool.get(id);
            BoardSlot s = slots.get(id);
            if (now.isEmpty()) {
                if (s != null && !s.removed) {
                    removeSlot(s, fx);
                }
            } else if (s == null || s.removed) {
                if (s != null) {
                    // re-added while its last run is still stopping: that run's end drops the old slot
                    slots.remove(id);
                }
                addSlot(now.get(), fx);
            } else {
                BoardHealth before = s.board.health();
                s.board = now.get();
                BoardHealth after = s.board.health();
                if (after == BoardHealth.OFFLINE && s.running != null) {
                    stop(s.running, StopReason.BOARD_GONE, "taken offline (" + event.reason() + ")", fx);
                }
                if (after != before && (after == BoardHealth.UNKNOWN || after == BoardHealth.HEALTHY)) {
                    s.consecutiveInfraFailures = 0;
                }
                if ((after == BoardHealth.UNKNOWN || after == BoardHealth.UNHEALTHY) && before != after) {
                    queueHealthCheck(s, fx);
                }
                assign(s, fx);
            }
        } finally {
            lock.unlock();
        }
        perform(fx);
    }

    private void addSlot(Board board, List<Runnable> fx) {
        if (slots.containsKey(board.id())) {
            return;
        }
        BoardSlot s = new BoardSlot(board);
        slots.put(board.id(), s);
        idle.add(s);
        if (board.health() == BoardHealth.UNKNOWN || board.health() == BoardHealth.UNHEALTHY) {
            queueHealthCheck(s, fx);
        }
        assign(s, fx);
    }

    private void removeSlot(BoardSlot s, List<Runnable> fx) {
        s.removed = true;
        idle.remove(s);
        if (s.running != null) {
            stop(s.running, StopReason.BOARD_GONE, "removed from the pool", fx);
        } else {
            slots.remove(s.id());
        }
        for (JobEntry e : queue.removeIf(e -> !boardPossible(e))) {
            if (e.healthCheckFor == null) {
                regularQueued--;
            }
            finish(e, JobOutcome.INFRA_ERROR, "no board in the pool matches the job's selector any more", null, fx);
        }
        metrics.queued.set(queue.size());
    }

    private void setHealth(BoardSlot s, BoardHealth health, String reason, List<Runnable> fx) {
        BoardHealth before = s.board.health();
        if (before == health) {
            return;
        }
        s.board = s.board.withHealth(health);
        LOG.info("board {} is now {}: {}", s.id(), health, reason);
        String id = s.id();
        fx.add(() -> pool.setHealthIf(id, before, health, reason));
    }

    private void queueHealthCheck(BoardSlot s, List<Runnable> fx) {
        if (healthCheck == null || s.checkPending || closed) {
            return;
        }
        TestJob template;
        try {
            template = Objects.requireNonNull(healthCheck.apply(s.board), "health-check job");
        } catch (RuntimeException e) {
            LOG.warn("No health check for board {}: the health-check function failed: {}", s.id(), e.toString(), e);
            return;
        }
        String id = "health-" + (seq + 1) + "-" + s.id();
        TestJob job = template.toBuilder().id(id.length() > 128 ? id.substring(0, 128) : id)
                .name("health check of " + s.id()).selector(BoardSelector.board(s.id()))
                .priority(TestJob.MAX_PRIORITY).maxAttempts(1).build();
        if (active.containsKey(job.id())) {
            return;
        }
        JobEntry e = newEntry(job, s.id());
        s.checkPending = true;
        enqueue(e, fx);
    }

    // ---- plumbing

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.error("Dispatcher timer round failed: {}", e.toString(), e);
        }
    }

    /** The attempt's directory as reports show it: absolute even when the runner never made it. */
    private Path shownDirectory(AttemptRun run) {
        if (run.outputDirectory.isAbsolute()) {
            return run.outputDirectory;
        }
        Path base = workDirectory != null ? workDirectory : configuredWorkDirectory;
        return base == null ? run.outputDirectory : base.resolve(run.outputDirectory).toAbsolutePath();
    }

    /** Makes the attempt's directory, {@code <work>/<job id>/attempt-<n>-<board>}, with a suffix when that exists. */
    private Path outputDirectory(AttemptRun run) {
        Path base = workDirectory();
        Path planned = run.plannedDirectory;
        Path dir = base.resolve(planned);
        try {
            Files.createDirectories(dir.getParent());
            for (int i = 2; ; i++) {
                try {
                    Files.createDirectory(dir);
                    break;
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    if (i > 1000) {
                        throw e;
                    }
                    dir = base.resolve(planned + "." + i);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the output directory " + dir + ": " + e.getMessage(), e);
        }
        lock.lock();
        try {
            run.outputDirectory = dir;
        } finally {
            lock.unlock();
        }
        return dir;
    }

    private synchronized Path workDirectory() {
        if (workDirectory == null) {
            try {
                workDirectory = configuredWorkDirectory != null
                        ? Files.createDirectories(configuredWorkDirectory)
                        : Files.createTempDirectory("cikit-dispatch-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the work directory: " + e.getMessage(), e);
            }
        }
        return workDirectory;
    }

    /**
     * Runs side effects in order, after the lock is released. A runner that completes inside {@code start}, or a host
     * executor that runs tasks inline, would otherwise recurse once per job; instead effects raised while this thread
     * is already running effects are queued behind them.
     */
    private void perform(List<Runnable> fx) {
        if (fx.isEmpty()) {
            return;
        }
        ArrayDeque<Runnable> pending = draining.get();
        if (pending != null) {
            pending.addAll(fx);
            return;
        }
        pending = new ArrayDeque<>(fx);
        draining.set(pending);
        try {
            Runnable r;
            while ((r = pending.poll()) != null) {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.warn("Dispatcher side effect failed: {}", e.toString(), e);
                }
            }
        } finally {
            draining.remove();
        }
    }

    private void notifyListeners(java.util.function.Consumer<DispatchListener> call) {
        for (DispatchListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("A dispatch listener failed: {}", e.toString(), e);
            }
        }
    }

    private static void cancelQuietly(RunHandle h) {
        try {
            h.cancel();
        } catch (RuntimeException e) {
            LOG.warn("Cancelling a run failed: {}", e.toString(), e);
        }
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Configures a {@link Dispatcher}. Not thread-safe. */
    public static final class Builder {
        private final BoardPool pool;
        private final Map<String, HardwareRunner> runners = new LinkedHashMap<>();
        private final List<DispatchListener> listeners = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private int maxQueued = 10_000;
        private Duration leaseDuration = Duration.ofSeconds(60);
        private int unhealthyAfter = 3;
        private Duration agingStep = Duration.ofMinutes(1);
        private Duration tickInterval = Duration.ofMillis(200);
        private Duration stopGrace = Duration.ofSeconds(30);
        private int maxRunThreads = 256;
        private @Nullable Function<Board, TestJob> healthCheck;
        private @Nullable Executor executor;
        private @Nullable ScheduledExecutorService scheduler;
        private volatile @Nullable Path workDirectory;
        private MeterRegistry registry = Metrics.globalRegistry;
        private String name = "default";

        private Builder(BoardPool pool) {
            this.pool = Objects.requireNonNull(pool, "pool");
        }

        /** Adds a runner; boards name it in {@link Board#runner()}. A second runner with the same name replaces the first. */
        public Builder runner(HardwareRunner runner) {
            runners.put(Objects.requireNonNull(runner, "runner").name(), runner);
            return this;
        }

        public Builder runners(Collection<? extends HardwareRunner> all) {
            all.forEach(this::runner);
            return this;
        }

        public Builder listener(DispatchListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Where time comes from (queue order, timeouts, leases); default the system UTC clock. */
        public Builder clock(Clock v) {
            this.clock = Objects.requireNonNull(v, "clock");
            return this;
        }

        /** Most jobs waiting (health checks not counted), 1–1,000,000; default 10,000. */
        public Builder maxQueued(int v) {
            this.maxQueued = within(v, 1, 1_000_000, "maxQueued");
            return this;
        }

        /** How long a lease holds without renewal; default 60 s. */
        public Builder leaseDuration(Duration v) {
            this.leaseDuration = atLeastOneMilli(v, "leaseDuration");
            return this;
        }

        /** Infrastructure failures in a row that make a board UNHEALTHY, 1–100; default 3. */
        public Builder unhealthyAfter(int v) {
            this.unhealthyAfter = within(v, 1, 100, "unhealthyAfter");
            return this;
        }

        /** Waiting this long counts as one more priority point; zero turns aging off (strict priority). Default 1 min. */
        public Builder agingStep(Duration v) {
            Objects.requireNonNull(v, "agingStep");
            if (v.isNegative() || v.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException("agingStep must be within 0 – 1 day: " + v);
            }
            this.agingStep = v;
            return this;
        }

        /** How often timeouts and leases are checked; default 200 ms. */
        public Builder tickInterval(Duration v) {
            this.tickInterval = atLeastOneMilli(v, "tickInterval");
            return this;
        }

        /** How long a stopped runner has to report before it is given up on; default 30 s. */
        public Builder stopGrace(Duration v) {
            this.stopGrace = atLeastOneMilli(v, "stopGrace");
            return this;
        }

        /** The most threads the owned run pool starts (ignored with {@link #executor}); default 256. */
        public Builder maxRunThreads(int v) {
            this.maxRunThreads = within(v, 1, 10_000, "maxRunThreads");
            return this;
        }

        /**
         * The health-check job for a board (its selector, id, priority and attempts are set by the dispatcher). Run
         * on boards that become UNHEALTHY or UNKNOWN (new, or back online); they take no other job until it passes.
         * Called under the dispatcher's lock: must be quick and must not call the dispatcher.
         */
        public Builder healthCheck(Function<Board, TestJob> v) {
            this.healthCheck = Objects.requireNonNull(v, "healthCheck");
            return this;
        }

        /** Runs runner starts and their blocking work; not shut down by the dispatcher. Default: an owned pool. */
        public Builder executor(Executor v) {
            this.executor = Objects.requireNonNull(v, "executor");
            return this;
        }

        /** Runs the timer rounds; not shut down by the dispatcher. Default: one owned daemon thread. */
        public Builder scheduler(ScheduledExecutorService v) {
            this.scheduler = Objects.requireNonNull(v, "scheduler");
            return this;
        }

        /** Where each attempt's output directory is made ({@code <job id>/attempt-<n>-<board>}); default a new temp directory. */
        public Builder workDirectory(Path v) {
            this.workDirectory = Objects.requireNonNull(v, "workDirectory");
            return this;
        }

        public Builder meterRegistry(MeterRegistry v) {
            this.registry = Objects.requireNonNull(v, "registry");
            return this;
        }

        /** The {@code dispatcher} tag on its meters; default {@code default}. */
        public Builder name(String v) {
            this.name = Objects.requireNonNull(v, "name");
            return this;
        }

        public Dispatcher build() {
            return new Dispatcher(this);
        }

        private static int within(int v, int min, int max, String what) {
            if (v < min || v > max) {
                throw new IllegalArgumentException(what + " must be within " + min + "–" + max + ": " + v);
            }
            return v;
        }

        // stricter than Durations.requirePositive: ticks, leases and stop grace are counted in whole milliseconds
        private static Duration atLeastOneMilli(Duration v, String what) {
            Objects.requireNonNull(v, what);
            if (v.toMillis() < 1) {
                throw new IllegalArgumentException(what + " must be at least 1 ms: " + v);
            }
            return v;
        }
    }
}
