/**
 * Reporting back to version control: commit statuses, comments and diffs through a {@link io.cikit.core.report.VcsClient}
 * (found with {@link io.cikit.core.report.VcsClientProvider}), and the {@link io.cikit.core.report.VcsIntegration}
 * facade that joins webhook intake and reporting.
 */
@NullMarked
package io.cikit.core.report;

import org.jspecify.annotations.NullMarked;
