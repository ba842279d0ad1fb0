package io.cikit.testkit.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;

import io.cikit.core.DeliveryException;
import io.cikit.core.notify.Notification;
import io.cikit.core.notify.NotificationChannel;
import io.cikit.core.notify.Recipient;
import io.cikit.core.notify.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What every {@link NotificationChannel} must do, as tests a channel module's test inherits:
 * {@code class SlackWebhookChannelTest extends NotificationChannelContract}. The subclass points the channel at a
 * destination the test controls (WireMock, GreenMail, an in-memory fake) and implements the hooks that make that
 * destination accept, refuse for good, fail for now, or vanish. The contract then checks that:
 * <ul>
 *   <li>the name is a valid channel name, the expected one, and stable;</li>
 *   <li>an accepted delivery returns normally and reaches the destination;</li>
 *   <li>the idempotency key reaches the destination, the same for the same key and different for another;</li>
 *   <li>a refusal that retrying cannot fix is a {@link DeliveryException} with {@code retryable() == false}; a
 *       transient failure, an unreachable destination and a rate limit are retryable, the rate limit with the
 *       destination's {@code Retry-After};</li>
 *   <li>after a failure the channel still works;</li>
 *   <li>whatever the notification (huge, empty, hostile markup, control characters, broken Unicode, hundreds of
 *       recipients) and whatever the destination does, {@code deliver} returns or throws a
 *       {@link DeliveryException}, never anything else.</li>
 * </ul>
 *
 * <p>The channel is created once per test, on first use, so a subclass may start its destination in its own
 * {@code @BeforeEach}; the contract closes it after each test. A hook the destination cannot support (it has no
 * rate limit, or no place for an idempotency key) makes the test that needs it skip, not fail.
 */
public abstract class NotificationChannelContract {
    private @Nullable NotificationChannel channel;

    // ---- what a channel's test supplies

    /** The channel under test, pointed at the destination this test controls. */
    protected abstract NotificationChannel createChannel();

    /** The name notifications use for this channel ({@code "slack"}). */
    protected abstract String expectedName();

    /** From now on, the destination accepts deliveries. */
    protected abstract void destinationAccepts();

    /** From now on, the destination refuses deliveries in a way no retry can fix (404 no such hook, 400 bad payload). */
    protected abstract void destinationRefusesPermanently();

    /** From now on, the destination fails in a way that may pass (HTTP 500, SMTP 451). */
    protected abstract void destinationFailsTransiently();

    /** From now on, nothing listens where the destination was (closed port, stopped server). */
    protected abstract void destinationUnreachable();

    /**
     * From now on, the destination rate-limits, asking to come back after {@code retryAfter} (HTTP 429 with
     * {@code Retry-After}). Returns false when the destination has no such signal; the rate-limit test then skips.
     */
    protected boolean destinationRateLimits(Duration retryAfter) {
        return false;
    }

    /** How many deliveries the destination has accepted so far. */
    protected abstract int deliveriesReceived();

    /**
     * The idempotency keys the destination received, in arrival order, as the channel carried them (a header's
     * value, a Message-ID); empty when the destination has no place for one, which skips the idempotency test.
     */
    protected abstract Optional<List<String>> idempotencyKeysReceived();

    /** The form in which the channel carries a key ({@code "<" + key + "@cikit>"} for a Message-ID); verbatim by default. */
    protected String carried(String idempotencyKey) {
        return idempotencyKey;
    }

    /** A plain notification this channel can deliver; override to add what it needs (recipients with emails). */
    protected Notification sample() {
        return Notification.builder()
                .title("ltp.sem01 failed on rpi4-03")
                .message("sem01: timed out after 300 s\nlog: https://lava.example/scheduler/job/42")
                .severity(Severity.ERROR)
                .channels(expectedName())
                .recipient(Recipient.email("Lab team", "lab@example.org").withSlackUserId("U0LAB").withTeamsUserId("29:lab"))
                .meta(Notification.BOARD, "rpi4-03")
                .meta(Notification.BRANCH, "main")
                .testId("ltp.sem01")
                .failureId("F-42")
                .timestamp(Instant.parse("2026-03-01T10:00:00Z"))
                .build();
    }

    /** The channel under test, created on first use in each test. */
    protected final NotificationChannel channel() {
        if (channel == null) {
            channel = createChannel();
        }
        return channel;
    }

    @AfterEach
    public void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } finally {
                channel = null;
            }
        }
    }

    // ---- the contract

    @Test
    public void nameIsTheExpectedValidChannelNameAndStable() {
        String name = channel().name();

        assertThat(name).isEqualTo(expectedName());
        assertThat(Notification.channelName(name)).as("a valid, lower-case channel name").isEqualTo(name);
        assertThat(channel().name()).isEqualTo(name);
    }

    @Test
    public void anAcceptedDeliveryReturnsAndReachesTheDestination() {
        destinationAccepts();
        int before = deliveriesReceived();

        deliver(sample(), key());

        assertThat(deliveriesReceived()).isEqualTo(before + 1);
    }

    @Test
    public void theIdempotencyKeyReachesTheDestination() {
        destinationAccepts();
        Optional<List<String>> probe = idempotencyKeysReceived();
        Assumptions.assumeTrue(probe.isPresent(), "the destination has no place for an idempotency key");
        int before = probe.get().size();
        String first = key();
        String second = key();

        deliver(sample(), first);
        deliver(sample(), first);
        deliver(sample(), second);

        List<String> seen = idempotencyKeysReceived().orElseThrow();
        assertThat(seen.subList(before, seen.size())).containsExactly(carried(first), carried(first), carried(second));
    }

    @Test
    public void aPermanentRefusalIsNotRetryable() {
        destinationRefusesPermanently();

        DeliveryException e = failure(sample());

        assertThat(e.retryable()).as("retryable() of %s", e).isFalse();
    }

    @Test
    public void aTransientFailureIsRetryable() {
        destinationFailsTransiently();

        DeliveryException e = failure(sample());

        assertThat(e.retryable()).as("retryable() of %s", e).isTrue();
    }

    @Test
    public void anUnreachableDestinationIsRetryable() {
        destinationUnreachable();

        DeliveryException e = failure(sample());

        assertThat(e.retryable()).as("retryable() of %s", e).isTrue();
    }

    @Test
    public void aRateLimitIsRetryableAfterTheWaitTheDestinationAskedFor() {
        Duration wait = Duration.ofSeconds(7);
        Assumptions.assumeTrue(destinationRateLimits(wait), "the destination has no rate-limit signal");

        DeliveryException e = failure(sample());

        assertThat(e.retryable()).as("retryable() of %s", e).isTrue();
        assertThat(e.retryAfter()).as("retryAfter() of %s", e).contains(wait);
    }

    @Test
    public void theChannelStillWorksAfterAFailure() {
        destinationFailsTransiently();
        failure(sample());
        destinationRefusesPermanently();
        failure(sample());
        destinationAccepts();
        int before = deliveriesReceived();

        deliver(sample(), key());

        assertThat(deliveriesReceived()).isEqualTo(before + 1);
    }

    @Test
    public void deliverNeverThrowsAnythingButDeliveryException() {
        List<Runnable> states = List.of(this::destinationAccepts, this::destinationRefusesPermanently,
                this::destinationFailsTransiently, this::destinationUnreachable, this::destinationAccepts);
        List<Notification> hostile = hostileNotifications();
        for (Runnable state : states) {
            state.run();
            for (Notification n : hostile) {
                Throwable thrown = catchThrowable(() -> channel().deliver(n, key()));
                if (thrown != null && !(thrown instanceof DeliveryException)) {
                    fail("deliver threw " + thrown.getClass().getName() + " for a notification titled "
                            + abbreviate(n.title()) + "; only DeliveryException is allowed", thrown);
                }
            }
        }
    }

    // ---- helpers

    /** A fresh idempotency key, shaped like the dispatcher's. */
    protected static String key() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private void deliver(Notification n, String idempotencyKey) {
        try {
            channel().deliver(n, idempotencyKey);
        } catch (DeliveryException e) {
            throw new AssertionError("the destination accepts, yet deliver threw " + e, e);
        }
    }

    private DeliveryException failure(Notification n) {
        Throwable thrown = catchThrowable(() -> channel().deliver(n, key()));
        if (thrown == null) {
            throw new AssertionError("deliver returned although the destination did not accept the notification");
        }
        if (!(thrown instanceof DeliveryException e)) {
            throw new AssertionError("deliver threw " + thrown.getClass().getName() + "; only DeliveryException is allowed", thrown);
        }
        return e;
    }

    /**
     * Notifications a channel must survive: the limits of {@link Notification}, markup meant to break out of a
     * message format, control characters, lone surrogates, and a seeded batch of random ones.
     */
    protected List<Notification> hostileNotifications() {
        List<Notification> out = new ArrayList<>();
        String channelName = expectedName();
        out.add(Notification.builder().title("t").severity(Severity.INFO).channels(channelName).build());
        Notification.Builder huge = Notification.builder()
                .title("😀 ".repeat(Notification.MAX_TITLE))
                .message("Ünïcödé 中文 😀 ".repeat(Notification.MAX_MESSAGE / 10))
                .severity(Severity.CRITICAL)
                .channels(channelName);
        for (int i = 0; i < Notification.MAX_METADATA_ENTRIES; i++) {
            huge.meta("key-" + i + "-" + "k".repeat(100), "v".repeat(Notification.MAX_METADATA_VALUE));
        }
        for (int i = 0; i < Notification.MAX_RECIPIENTS; i++) {
            huge.recipient(Recipient.email("Person " + i, "p" + i + "@example.org").withSlackUserId("U" + i).withTeamsUserId("29:" + i));
        }
        out.add(huge.build());
        out.add(Notification.builder()
                .title("<script>alert(1)</script> *bold* _it_ `code` [x](javascript:alert(1)) <!channel> @here <@U1|x>")
                .message("```\n</td></tr></table>\"'&amp;<img src=x onerror=alert(1)>\n``` {\"type\":\"AdaptiveCard\"} ${jndi:ldap://x}"
                        + "\r\n.\r\nMAIL FROM:<x@example.org>\r\n")
                .severity(Severity.WARNING)
                .channels(channelName)
                .meta("url", "https://example.org/a?b=<c>&d=\"e\"")
                .meta("\"quoted key\"", "\u0000\u0007\u001b[31mred\u001b[0m")
                .recipient(new Recipient("Mallory <m@example.org>", Optional.of("not-an-address"), Optional.of("<!channel>"),
                        Optional.of("\"}")))
                .build());
        out.add(Notification.builder()
                .title("lone surrogates \ud800 and \udfff, RTL \u202egnp.exe, zero width \u200b\ufeff")
                .message("\ud83d")
                .severity(Severity.ERROR)
                .channels(channelName)
                .build());
        Random random = new Random(20260301L);
        for (int i = 0; i < 16; i++) {
            out.add(Notification.builder()
                    .title(randomText(random, 1 + random.nextInt(200)))
                    .message(randomText(random, random.nextInt(5_000)))
                    .severity(Severity.values()[random.nextInt(Severity.values().length)])
                    .channels(channelName)
                    .meta(randomText(random, 1 + random.nextInt(20)), randomText(random, random.nextInt(100)))
                    .build());
        }
        return out;
    }

    private static String randomText(Random random, int length) {
        StringBuilder sb = new StringBuilder(length);
        while (sb.length() < length) {
            int kind = random.nextInt(10);
            if (kind < 5) {
                sb.append((char) (' ' + random.nextInt(95)));
            } else if (kind < 7) {
                sb.appendCodePoint(0x80 + random.nextInt(0x2000));
            } else if (kind < 8) {
                sb.appendCodePoint(0x1F300 + random.nextInt(0x300));
            } else if (kind < 9) {
                sb.append((char) random.nextInt(0x20));
            } else {
                sb.append((char) (0xD800 + random.nextInt(0x800)));
            }
        }
        return sb.length() > length ? sb.substring(0, length) : sb.toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "…";
    }
}
