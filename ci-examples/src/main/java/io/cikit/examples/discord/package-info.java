/**
 * An example of a notification channel written outside cikit, against the public SPI only: Discord webhooks.
 * {@code docs/writing-a-channel.md} walks through it.
 */
@NullMarked
package io.cikit.examples.discord;

import org.jspecify.annotations.NullMarked;
