package io.cikit.core.dispatch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The meters a {@link Dispatcher} records, tagged with the dispatcher's name. Board types come from the lab's own
 * pool, so the number of series stays bounded by the lab.
 */
final class DispatchMetrics {
    static final String QUEUE_DEPTH = "cikit.dispatch.queue.depth";
    static final String RUNNING = "cikit.dispatch.running";
    static final String WAIT = "cikit.dispatch.wait";
    static final String RUN = "cikit.dispatch.run";
    static final String JOBS = "cikit.dispatch.jobs";
    static final String REJECTED = "cikit.dispatch.rejected";
    static final String INFRA_FAILURES = "cikit.dispatch.infra.failures";

    private final MeterRegistry registry;
    private final String name;
    final AtomicInteger queued = new AtomicInteger();
    final AtomicInteger running = new AtomicInteger();
    private final Timer wait;
    private final Counter rejected;
    private final Map<String, Timer> runTimers = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    DispatchMetrics(MeterRegistry registry, String name) {
        this.registry = registry;
        this.name = name;
        Gauge.builder(QUEUE_DEPTH, queued, AtomicInteger::get).description("Jobs waiting for a board")
                .tag("dispatcher", name).register(registry);
        Gauge.builder(RUNNING, running, AtomicInteger::get).description("Attempts running on boards")
                .tag("dispatcher", name).register(registry);
        wait = Timer.builder(WAIT).description("Time from submission to the first start").tag("dispatcher", name)
                .register(registry);
        rejected = Counter.builder(REJECTED).description("Jobs refused because the queue was full")
                .tag("dispatcher", name).register(registry);
    }

    void waited(Duration d) {
        wait.record(d);
    }

    void rejected() {
        rejected.increment();
    }

    void attemptRan(String boardType, JobOutcome outcome, Duration d) {
        runTimers.computeIfAbsent(boardType + '\0' + outcome, k -> Timer.builder(RUN)
                .description("Run time of one attempt, by board type and outcome").tag("dispatcher", name)
                .tag("board.type", boardType).tag("outcome", outcome.name()).register(registry)).record(d);
    }

    void finished(String boardType, JobOutcome outcome) {
        count(JOBS, "Jobs ended, by outcome and the board type of their last attempt", boardType, outcome.name());
    }

    void infraFailure(String boardType) {
        count(INFRA_FAILURES, "Attempts that ended in an infrastructure failure of the board", boardType, "");
    }

    private void count(String meter, String description, String boardType, String outcome) {
        counters.computeIfAbsent(meter + '\0' + boardType + '\0' + outcome, k -> {
            Counter.Builder b = Counter.builder(meter).description(description).tag("dispatcher", name)
                    .tag("board.type", boardType);
            if (!outcome.isEmpty()) {
                b.tag("outcome", outcome);
            }
            return b.register(registry);
        }).increment();
    }
}
