/** Implementation of {@code io.cikit.core.report}: Markdown, HTML and chart writers. Not API. */
@NullMarked
package io.cikit.core.report.internal;

import org.jspecify.annotations.NullMarked;
