/** Email notification channel: multipart/alternative plain text and HTML mail over SMTP (STARTTLS or SMTPS). */
@NullMarked
package io.cikit.notify.email;

import org.jspecify.annotations.NullMarked;
