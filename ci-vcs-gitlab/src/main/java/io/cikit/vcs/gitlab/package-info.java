/**
 * GitLab: webhook verification ({@code X-Gitlab-Token}) and parsing for every {@code X-Gitlab-Event}, GitLab CI
 * pipeline and job hooks as build events, and the REST client.
 */
@NullMarked
package io.cikit.vcs.gitlab;

import org.jspecify.annotations.NullMarked;
