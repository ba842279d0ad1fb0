/**
 * Regression detection: the result history ({@link io.cikit.core.regression.ResultHistory} SPI with in-memory and
 * JSON-lines stores), pass/fail transitions, per-point metric thresholds, change points over whole series
 * ({@link io.cikit.core.regression.ChangePointDetector}) and commit attribution.
 */
@NullMarked
package io.cikit.core.regression;

import org.jspecify.annotations.NullMarked;
