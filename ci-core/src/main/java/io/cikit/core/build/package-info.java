/** Builds reported by CI systems: the build model, {@link io.cikit.core.build.BuildIntegration}, and the build-payload parser and trigger SPIs. */
@NullMarked
package io.cikit.core.build;

import org.jspecify.annotations.NullMarked;
