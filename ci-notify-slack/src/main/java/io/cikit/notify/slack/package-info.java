/** Slack notification channel: Block Kit messages through an incoming webhook or {@code chat.postMessage}. */
@NullMarked
package io.cikit.notify.slack;

import org.jspecify.annotations.NullMarked;
