/** cikit core: the exception roots shared by every package. */
@NullMarked
package io.cikit.core;

import org.jspecify.annotations.NullMarked;
