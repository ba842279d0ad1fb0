package io.cikit.testkit.notify;

import io.cikit.core.DeliveryException;
import io.cikit.core.notify.Notification;
import io.cikit.core.notify.NotificationChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-memory destination whose answer the test sets, and a channel to it that follows the SPI: the contract's own
 * tests run against this pair, and against deliberately broken variants of the channel.
 */
final class FakeDestination {
    enum Mode { ACCEPT, REFUSE, FAIL, DOWN, RATE_LIMITED }

    private Mode mode = Mode.ACCEPT;
    private Duration retryAfter = Duration.ZERO;
    private final List<String> keys = new ArrayList<>();

    synchronized void mode(Mode mode) {
        this.mode = mode;
    }

    synchronized void rateLimited(Duration wait) {
        this.mode = Mode.RATE_LIMITED;
        this.retryAfter = wait;
    }

    synchronized List<String> keys() {
        return List.copyOf(keys);
    }

    /** What the destination does with a request; returns normally when it accepts. */
    synchronized void receive(String idempotencyKey) {
        switch (mode) {
            case ACCEPT -> keys.add(idempotencyKey);
            case REFUSE -> throw new DeliveryException("404 no_such_hook", false);
            case FAIL -> throw new DeliveryException("500 rollup_error", true);
            case DOWN -> throw new DeliveryException("connection refused", true);
            case RATE_LIMITED -> throw new DeliveryException("429 rate_limited", retryAfter);
            default -> throw new IllegalStateException(mode.name());
        }
    }

    /** A channel that does what the SPI asks. */
    static class Channel implements NotificationChannel {
        final FakeDestination destination;

        Channel(FakeDestination destination) {
            this.destination = destination;
        }

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public void deliver(Notification notification, String idempotencyKey) {
            destination.receive(idempotencyKey);
        }
    }
}
