/**
 * Stand-in HTTP peers for provider tests: {@link io.cikit.testkit.http.StubHosts}, a provider's API and its object
 * storage as two WireMock hosts.
 */
@NullMarked
package io.cikit.testkit.http;

import org.jspecify.annotations.NullMarked;
