/** The HTTP transport every provider module uses: timeouts, retries, rate limits, circuit breaking, redirect policy. */
@NullMarked
package io.cikit.core.http;

import org.jspecify.annotations.NullMarked;
