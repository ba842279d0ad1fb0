/**
 * Jenkins: build payloads (Notification plugin, the flat seed format, generic bodies) as {@code BuildEvent}s, the
 * Jenkins webhook endpoint's verification, and a REST client that triggers builds and fetches their artifacts.
 */
@NullMarked
package io.cikit.build.jenkins;

import org.jspecify.annotations.NullMarked;
