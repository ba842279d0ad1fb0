/** Internal to ci-vcs-github: not API, may change without notice. */
@NullMarked
package io.cikit.vcs.github.internal;

import org.jspecify.annotations.NullMarked;
