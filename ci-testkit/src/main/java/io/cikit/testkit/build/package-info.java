/**
 * Test support for build-payload parsers: {@link io.cikit.testkit.build.BuildPayloadParserContract}, the properties
 * every {@link io.cikit.core.build.BuildPayloadParser} meets, as tests a parser's own test class inherits.
 */
@NullMarked
package io.cikit.testkit.build;

import org.jspecify.annotations.NullMarked;
