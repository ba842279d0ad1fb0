/** Implementation of the result parsers and the console-log scanner. Not API: hosts must not depend on it. */
@NullMarked
package io.cikit.core.result.internal;

import org.jspecify.annotations.NullMarked;
