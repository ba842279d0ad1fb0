/** Microsoft Teams notification channel: Adaptive Cards (or legacy MessageCards) posted to a webhook. */
@NullMarked
package io.cikit.notify.teams;

import org.jspecify.annotations.NullMarked;
