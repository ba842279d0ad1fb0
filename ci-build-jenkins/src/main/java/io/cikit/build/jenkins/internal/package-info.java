/** Internal to ci-build-jenkins: not API, may change without notice. */
@NullMarked
package io.cikit.build.jenkins.internal;

import org.jspecify.annotations.NullMarked;
