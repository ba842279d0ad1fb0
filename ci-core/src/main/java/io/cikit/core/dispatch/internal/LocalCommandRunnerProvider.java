package io.cikit.core.dispatch.internal;

import io.cikit.core.config.ConfigurationException;
import io.cikit.core.config.ProviderConfig;
import io.cikit.core.dispatch.ExitCodes;
import io.cikit.core.dispatch.HardwareRunner;
import io.cikit.core.dispatch.HardwareRunnerProvider;
import io.cikit.core.dispatch.LocalCommandRunner;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code local} runner from configuration: {@code command} (the default command, split on whitespace; boards may
 * carry their own in the {@code local.command} attribute), {@code base-dir} (where relative program paths are),
 * {@code kill-grace}, {@code quiet-after}, {@code exit-ok}, {@code exit-test-failures}, {@code exit-job-errors}
 * (comma-separated codes), {@code console-head-bytes}, {@code console-tail-bytes}.
 */
public final class LocalCommandRunnerProvider implements HardwareRunnerProvider {

    @Override
    public String name() {
        return LocalCommandRunner.NAME;
    }

    @Override
    public HardwareRunner create(ProviderConfig config) {
        LocalCommandRunner.Builder b = LocalCommandRunner.builder();
        List<String> command = RunnerSettings.words(config, "command");
        if (!command.isEmpty()) {
            b.command(command);
        }
        config.get("base-dir").ifPresent(d -> b.baseDirectory(Path.of(d)));
        config.duration("kill-grace").ifPresent(b::killGrace);
        config.duration("quiet-after").ifPresent(b::quietAfter);
        try {
            b.exitCodes(new ExitCodes(RunnerSettings.codes(config, "exit-ok", ExitCodes.DEFAULT.ok()),
                    RunnerSettings.codes(config, "exit-test-failures", ExitCodes.DEFAULT.testFailures()),
                    RunnerSettings.codes(config, "exit-job-errors", ExitCodes.DEFAULT.jobErrors())));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(config.keyName("exit-ok") + ": " + e.getMessage());
        }
        b.consoleLimits(RunnerSettings.consoleLimits(config));
        return b.build();
    }
}
