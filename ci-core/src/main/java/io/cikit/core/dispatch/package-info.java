/**
 * Dispatch of test jobs to hardware: a {@link io.cikit.core.dispatch.BoardPool} of
 * {@link io.cikit.core.dispatch.Board}s, {@link io.cikit.core.dispatch.TestJob}s that select boards with a
 * {@link io.cikit.core.dispatch.BoardSelector}, the {@link io.cikit.core.dispatch.Dispatcher} that queues jobs by
 * priority, leases boards, retries infrastructure failures on other boards and health-checks boards, and the
 * {@link io.cikit.core.dispatch.HardwareRunner} SPI with two runners: {@link io.cikit.core.dispatch.LocalCommandRunner}
 * (a lab's own flash-and-boot command) and {@link io.cikit.core.dispatch.QemuRunner}.
 */
@NullMarked
package io.cikit.core.dispatch;

import org.jspecify.annotations.NullMarked;
