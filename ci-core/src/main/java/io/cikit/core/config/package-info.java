/** Layered configuration ({@link io.cikit.core.config.CiConfig}), secrets and the configuration view handed to providers. */
@NullMarked
package io.cikit.core.config;

import org.jspecify.annotations.NullMarked;
