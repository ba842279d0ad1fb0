/**
 * GitHub Actions: {@code workflow_run}/{@code workflow_job} payloads as {@code BuildEvent}s (handed over by
 * ci-vcs-github's webhook parser), and a REST client for run artifacts and {@code workflow_dispatch}.
 */
@NullMarked
package io.cikit.build.actions;

import org.jspecify.annotations.NullMarked;
