/**
 * Implementation of {@code io.cikit.core.regression}: statistics, the change-point search, the history file format.
 * Not API: may change in any release.
 */
@NullMarked
package io.cikit.core.regression.internal;

import org.jspecify.annotations.NullMarked;
