/**
 * Test support for cikit providers and hosts: contract tests every provider's tests extend
 * ({@link io.cikit.testkit.WebhookParserContract}), jqwik arbitraries for hostile input
 * ({@link io.cikit.testkit.WebhookArbitraries}) and recording fakes ({@link io.cikit.testkit.RecordingHandler}).
 */
@NullMarked
package io.cikit.testkit;

import org.jspecify.annotations.NullMarked;
