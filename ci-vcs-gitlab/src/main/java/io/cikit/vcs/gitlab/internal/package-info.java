/** Implementation details of the GitLab module: payload mapping and timestamps. Not API; not exported. */
@NullMarked
package io.cikit.vcs.gitlab.internal;

import org.jspecify.annotations.NullMarked;
