package io.cikit.testkit.notify;

import io.cikit.core.notify.NotificationChannel;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The contract, run against a channel that meets it. */
class FakeChannelContractTest extends NotificationChannelContract {
    final FakeDestination destination = new FakeDestination();

    @Override
    protected NotificationChannel createChannel() {
        return new FakeDestination.Channel(destination);
    }

    @Override
    protected String expectedName() {
        return "fake";
    }

    @Override
    protected void destinationAccepts() {
        destination.mode(FakeDestination.Mode.ACCEPT);
    }

    @Override
    protected void destinationRefusesPermanently() {
        destination.mode(FakeDestination.Mode.REFUSE);
    }

    @Override
    protected void destinationFailsTransiently() {
        destination.mode(FakeDestination.Mode.FAIL);
    }

    @Override
    protected void destinationUnreachable() {
        destination.mode(FakeDestination.Mode.DOWN);
    }

    @Override
    protected boolean destinationRateLimits(Duration retryAfter) {
        destination.rateLimited(retryAfter);
        return true;
    }

    @Override
    protected int deliveriesReceived() {
        return destination.keys().size();
    }

    @Override
    protected Optional<List<String>> idempotencyKeysReceived() {
        return Optional.of(destination.keys());
    }
}
