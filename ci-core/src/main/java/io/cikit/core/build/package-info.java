/** Builds reported by CI systems, and the build-payload parser SPI. */
@NullMarked
package io.cikit.core.build;

import org.jspecify.annotations.NullMarked;
