/** Build artifacts: kinds, kernel images, BSP packages, inspection and safe archive handling. */
@NullMarked
package io.cikit.core.artifact;

import org.jspecify.annotations.NullMarked;
