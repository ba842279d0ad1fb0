/**
 * Git workspaces on JGit: clone a repository at a commit into a temporary directory that is always removed again,
 * list the commits of a range ({@code lastGood..firstBad}) and the files changed between two commits.
 * {@link io.cikit.core.git.GitWorkspaces} is configured once per host; each
 * {@link io.cikit.core.git.GitWorkspace} is one directory, closed with try-with-resources.
 */
@NullMarked
package io.cikit.core.git;

import org.jspecify.annotations.NullMarked;
