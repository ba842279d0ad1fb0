package io.cikit.testkit.notify;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.cikit.core.DeliveryException;
import io.cikit.core.notify.Notification;
import io.cikit.core.notify.NotificationChannel;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The contract catches channels that break it. */
class NotificationChannelContractSelfTest {

    /** The contract run by hand against a channel built from the fake destination. */
    private static void check(java.util.function.Function<FakeDestination, NotificationChannel> channel,
                              Consumer<NotificationChannelContract> test) {
        FakeChannelContractTest contract = new FakeChannelContractTest() {
            @Override
            protected NotificationChannel createChannel() {
                return channel.apply(destination);
            }
        };
        try {
            test.accept(contract);
        } finally {
            contract.closeChannel();
        }
    }

    @Test
    void aChannelThatMeetsTheContractPassesEveryCheck() {
        Consumer<NotificationChannelContract> all = c -> {
            c.nameIsTheExpectedValidChannelNameAndStable();
            c.anAcceptedDeliveryReturnsAndReachesTheDestination();
            c.theIdempotencyKeyReachesTheDestination();
            c.aPermanentRefusalIsNotRetryable();
            c.aTransientFailureIsRetryable();
            c.anUnreachableDestinationIsRetryable();
            c.aRateLimitIsRetryableAfterTheWaitTheDestinationAskedFor();
            c.theChannelStillWorksAfterAFailure();
            c.deliverNeverThrowsAnythingButDeliveryException();
        };
        assertThatCode(() -> check(FakeDestination.Channel::new, all)).doesNotThrowAnyException();
    }

    @Test
    void aChannelThatCallsEveryFailureRetryableIsCaught() {
        assertThatThrownBy(() -> check(d -> new FakeDestination.Channel(d) {
            @Override
            public void deliver(Notification n, String key) {
                try {
                    super.deliver(n, key);
                } catch (DeliveryException e) {
                    throw new DeliveryException(e.getMessage(), true);
                }
            }
        }, NotificationChannelContract::aPermanentRefusalIsNotRetryable)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("retryable()");
    }

    @Test
    void aChannelThatDropsRetryAfterIsCaught() {
        assertThatThrownBy(() -> check(d -> new FakeDestination.Channel(d) {
            @Override
            public void deliver(Notification n, String key) {
                try {
                    super.deliver(n, key);
                } catch (DeliveryException e) {
                    throw new DeliveryException(e.getMessage(), e.retryable());
                }
            }
        }, NotificationChannelContract::aRateLimitIsRetryableAfterTheWaitTheDestinationAskedFor))
                .isInstanceOf(AssertionError.class).hasMessageContaining("retryAfter()");
    }

    @Test
    void aChannelThatLetsAnotherExceptionEscapeIsCaught() {
        assertThatThrownBy(() -> check(d -> new FakeDestination.Channel(d) {
            @Override
            public void deliver(Notification n, String key) {
                if (n.message().length() > 10_000) {
                    throw new IllegalArgumentException("payload too large");
                }
                super.deliver(n, key);
            }
        }, NotificationChannelContract::deliverNeverThrowsAnythingButDeliveryException))
                .isInstanceOf(AssertionError.class).hasMessageContaining("IllegalArgumentException");
    }

    @Test
    void aChannelThatLosesTheIdempotencyKeyIsCaught() {
        assertThatThrownBy(() -> check(d -> new FakeDestination.Channel(d) {
            @Override
            public void deliver(Notification n, String key) {
                super.deliver(n, "constant");
            }
        }, NotificationChannelContract::theIdempotencyKeyReachesTheDestination)).isInstanceOf(AssertionError.class);
    }

    @Test
    void aChannelWithAnUnstableOrInvalidNameIsCaught() {
        assertThatThrownBy(() -> check(d -> new FakeDestination.Channel(d) {
            @Override
            public String name() {
                return "Fake Channel";
            }
        }, NotificationChannelContract::nameIsTheExpectedValidChannelNameAndStable)).isInstanceOf(AssertionError.class);
    }

    @Test
    void aChannelThatSwallowsFailuresIsCaught() {
        assertThatThrownBy(() -> check(d -> new FakeDestination.Channel(d) {
            @Override
            public void deliver(Notification n, String key) {
                try {
                    super.deliver(n, key);
                } catch (DeliveryException e) {
                    // "handled"
                }
            }
        }, NotificationChannelContract::aTransientFailureIsRetryable)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("returned although");
    }
}
