/** Slack message building, limits and error mapping; not for hosts. */
@NullMarked
package io.cikit.notify.slack.internal;

import org.jspecify.annotations.NullMarked;
