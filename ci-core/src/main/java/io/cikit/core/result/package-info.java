/**
 * Test results and console logs: {@link io.cikit.core.result.ResultParser} reads KTAP, TAP 13/14 and JUnit XML into
 * {@link io.cikit.core.result.TestResults}; {@link io.cikit.core.result.ConsoleLogAnalyzer} streams a kernel console
 * log and reports {@link io.cikit.core.result.LogIncident}s and the {@link io.cikit.core.result.BootStage} reached.
 */
@NullMarked
package io.cikit.core.result;

import org.jspecify.annotations.NullMarked;
