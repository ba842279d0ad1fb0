/** Webhook intake: verify, deduplicate, parse and dispatch deliveries ({@link io.cikit.core.webhook.Webhooks}), and the parser SPI. */
@NullMarked
package io.cikit.core.webhook;

import org.jspecify.annotations.NullMarked;
