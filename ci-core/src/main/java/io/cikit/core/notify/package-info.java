/**
 * Notification dispatch: the {@link io.cikit.core.notify.Notification} model, the channel SPI
 * ({@link io.cikit.core.notify.NotificationChannel}, {@link io.cikit.core.notify.NotificationChannelProvider}), and
 * {@link io.cikit.core.notify.NotificationDispatcher}, which routes, groups, inhibits, throttles and retries
 * notifications through a durable {@link io.cikit.core.notify.Outbox} so that an accepted notification is delivered
 * at least once, with an idempotency key per (notification, channel), even across a crash.
 */
@NullMarked
package io.cikit.core.notify;

import org.jspecify.annotations.NullMarked;
