/** Internal to ci-build-actions: not API, may change without notice. */
@NullMarked
package io.cikit.build.actions.internal;

import org.jspecify.annotations.NullMarked;
