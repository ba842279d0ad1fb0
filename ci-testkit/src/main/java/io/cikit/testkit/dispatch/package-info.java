/**
 * Test support for hardware runners: {@link io.cikit.testkit.dispatch.HardwareRunnerContract}, the contract every
 * {@link io.cikit.core.dispatch.HardwareRunner} meets, as tests a runner's own test class inherits.
 */
@NullMarked
package io.cikit.testkit.dispatch;

import org.jspecify.annotations.NullMarked;
