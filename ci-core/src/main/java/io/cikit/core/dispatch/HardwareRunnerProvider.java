package io.cikit.core.dispatch;

import io.cikit.core.config.ProviderConfig;

/**
 * Creates a {@link HardwareRunner} from configuration; found with {@code ServiceLoader} through
 * {@link io.cikit.core.spi.Providers}, or registered by hand. Implementations have a cheap no-argument constructor
 * and do their work in {@link #create}.
 */
public interface HardwareRunnerProvider {

    /** The runner name boards refer to ({@code local}, {@code qemu}). */
    String name();

    /**
     * A runner configured from {@code config} (a view such as {@code cikit.runner.local}).
     *
     * @throws io.cikit.core.config.ConfigurationException naming every missing or invalid key
     */
    HardwareRunner create(ProviderConfig config);
}
