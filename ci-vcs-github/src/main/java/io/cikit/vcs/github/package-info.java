/** GitHub: webhook verification and parsing for every {@code X-GitHub-Event}, and the REST client. */
@NullMarked
package io.cikit.vcs.github;

import org.jspecify.annotations.NullMarked;
