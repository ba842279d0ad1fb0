/**
 * Implementation details of {@code io.cikit.core.dispatch}: console capture, process trees, result files and the
 * built-in runner providers. Not API: anything here may change without notice.
 */
@NullMarked
package io.cikit.core.dispatch.internal;

import org.jspecify.annotations.NullMarked;
