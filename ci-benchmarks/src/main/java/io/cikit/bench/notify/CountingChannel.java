package io.cikit.bench.notify;

import io.cikit.core.notify.Notification;
import io.cikit.core.notify.NotificationChannel;
import java.util.concurrent.atomic.LongAdder;

/** A channel that accepts everything instantly and counts: the benchmarks measure the dispatcher, not a network. */
final class CountingChannel implements NotificationChannel {
    final LongAdder delivered = new LongAdder();

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public void deliver(Notification notification, String idempotencyKey) {
        delivered.increment();
    }
}
