package io.cikit.core.http.internal;

import java.util.concurrent.Flow;

/** Stands in for a subscription not yet received, so cancelling early is harmless. */
enum NoSubscription implements Flow.Subscription {
    INSTANCE;

    @Override
    public void request(long n) {
    }

    @Override
    public void cancel() {
    }
}
