/** The one ServiceLoader-based loader for every cikit SPI, with explicit registration beside discovery. */
@NullMarked
package io.cikit.core.spi;

import org.jspecify.annotations.NullMarked;
