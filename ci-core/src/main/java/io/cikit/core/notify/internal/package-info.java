/**
 * Implementation of notification dispatch: grouping tables, delivery lanes, the journal format behind
 * {@link io.cikit.core.notify.FileOutbox}. Not API: nothing here is exported, and any of it may change in any
 * release.
 */
@NullMarked
package io.cikit.core.notify.internal;

import org.jspecify.annotations.NullMarked;
