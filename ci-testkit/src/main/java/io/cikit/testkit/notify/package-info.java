/**
 * Contract tests for notification channels: {@link io.cikit.testkit.notify.NotificationChannelContract}, which every
 * channel module's tests extend.
 */
@NullMarked
package io.cikit.testkit.notify;

import org.jspecify.annotations.NullMarked;
