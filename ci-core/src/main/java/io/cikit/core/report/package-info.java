/**
 * Reporting results back: {@link io.cikit.core.report.StatusState} for commit statuses,
 * {@link io.cikit.core.report.ReportRenderer} (Markdown for PR/MR comments, self-contained HTML, one-line status
 * descriptions) and the {@link io.cikit.core.report.QualityGate}; statuses, comments and diffs go through a
 * {@link io.cikit.core.report.VcsClient} (found with {@link io.cikit.core.report.VcsClientProvider}), and the
 * {@link io.cikit.core.report.VcsIntegration} facade joins webhook intake and reporting.
 */
@NullMarked
package io.cikit.core.report;

import org.jspecify.annotations.NullMarked;
