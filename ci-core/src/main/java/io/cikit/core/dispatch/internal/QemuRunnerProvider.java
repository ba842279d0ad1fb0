package io.cikit.core.dispatch.internal;

import io.cikit.core.config.ProviderConfig;
import io.cikit.core.dispatch.HardwareRunner;
import io.cikit.core.dispatch.HardwareRunnerProvider;
import io.cikit.core.dispatch.QemuRunner;
import java.nio.file.Path;

/**
 * The {@code qemu} runner from configuration: {@code binary-dir}, {@code accel}, {@code memory}, {@code smp},
 * {@code boot-timeout}, {@code command-timeout}, {@code kill-grace}, {@code quiet-after}, {@code args} (extra
 * arguments, split on whitespace), {@code console-head-bytes}, {@code console-tail-bytes}.
 */
public final class QemuRunnerProvider implements HardwareRunnerProvider {

    @Override
    public String name() {
        return QemuRunner.NAME;
    }

    @Override
    public HardwareRunner create(ProviderConfig config) {
        QemuRunner.Builder b = QemuRunner.builder();
        config.get("binary-dir").ifPresent(d -> b.binaryDirectory(Path.of(d)));
        config.get("accel").ifPresent(b::accel);
        config.get("memory").ifPresent(b::memory);
        config.integer("smp").ifPresent(b::smp);
        config.duration("boot-timeout").ifPresent(b::bootTimeout);
        config.duration("command-timeout").ifPresent(b::commandTimeout);
        config.duration("kill-grace").ifPresent(b::killGrace);
        config.duration("quiet-after").ifPresent(b::quietAfter);
        RunnerSettings.words(config, "args").forEach(b::extraArg);
        b.consoleLimits(RunnerSettings.consoleLimits(config));
        return b.build();
    }
}
