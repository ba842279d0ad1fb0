/**
 * Test support for build-payload parsers: {@link io.cikit.testkit.build.BuildPayloadParserContract}, the properties
 * every {@link io.cikit.core.build.BuildPayloadParser} meets, as tests a parser's own test class inherits, and
 * {@link io.cikit.testkit.build.BuildStatusContract} with its {@link io.cikit.testkit.build.BuildStatusTable} for
 * parsers whose payloads state a build's status in two words (Jenkins, GitHub Actions).
 */
@NullMarked
package io.cikit.testkit.build;

import org.jspecify.annotations.NullMarked;
