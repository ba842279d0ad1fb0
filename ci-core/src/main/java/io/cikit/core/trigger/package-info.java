/**
 * Whether an event should start tests, and on which commits: {@link io.cikit.core.trigger.TriggerPolicy} turns a
 * {@link io.cikit.core.event.CiEvent} into a {@link io.cikit.core.trigger.TriggerDecision}.
 */
@NullMarked
package io.cikit.core.trigger;

import org.jspecify.annotations.NullMarked;
