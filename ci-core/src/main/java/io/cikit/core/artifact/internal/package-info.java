/**
 * Implementation of artifact inspection and archive handling. Not API: hosts must not use these types, which may
 * change in any release.
 */
@NullMarked
package io.cikit.core.artifact.internal;

import org.jspecify.annotations.NullMarked;
