/**
 * Builds reported by CI systems: the build model, {@link io.cikit.core.build.BuildIntegration}, the build-payload
 * parser and trigger SPIs, and {@link io.cikit.core.build.BuildSystems} to reach each CI system by name.
 */
@NullMarked
package io.cikit.core.build;

import org.jspecify.annotations.NullMarked;
