/**
 * Implementation of the HTTP transport: backoff math, {@code Retry-After} and rate-limit parsing, the per-host
 * circuit breaker, redirect host rules, redaction and body sinks. Not API: this package is not exported and may
 * change in any release.
 */
@NullMarked
package io.cikit.core.http.internal;

import org.jspecify.annotations.NullMarked;
