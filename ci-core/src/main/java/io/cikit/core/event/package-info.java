/** Events from VCS and CI systems: the sealed {@link io.cikit.core.event.CiEvent} hierarchy and its value types. */
@NullMarked
package io.cikit.core.event;

import org.jspecify.annotations.NullMarked;
