package io.cikit.core.dispatch.internal;

import io.cikit.core.config.ConfigurationException;
import io.cikit.core.config.ProviderConfig;
import io.cikit.core.dispatch.ConsoleLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Configuration keys both built-in runners read. */
final class RunnerSettings {
    private RunnerSettings() {
    }

    /** {@code console-head-bytes} and {@code console-tail-bytes}, defaulting to {@link ConsoleLimits#DEFAULT}. */
    static ConsoleLimits consoleLimits(ProviderConfig config) {
        long head = config.longValue("console-head-bytes").orElse(ConsoleLimits.DEFAULT.headBytes());
        long tail = config.longValue("console-tail-bytes").orElse((long) ConsoleLimits.DEFAULT.tailBytes());
        try {
            return new ConsoleLimits(head, (int) Math.min(Integer.MAX_VALUE, tail));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(config.keyName("console-head-bytes") + " / "
                    + config.keyName("console-tail-bytes") + ": " + e.getMessage());
        }
    }

    /** Whitespace-separated words; empty when not set. */
    static List<String> words(ProviderConfig config, String key) {
        return config.get(key).map(s -> List.of(s.strip().split("\\s+"))).orElse(List.of());
    }

    /** Comma-separated integers. */
    static Set<Integer> codes(ProviderConfig config, String key, Set<Integer> fallback) {
        if (config.get(key).isEmpty()) {
            return fallback;
        }
        List<Integer> out = new ArrayList<>();
        for (String s : config.list(key)) {
            try {
                out.add(Integer.parseInt(s));
            } catch (NumberFormatException e) {
                throw new ConfigurationException(config.keyName(key) + ": `" + s + "` is not an exit code");
            }
        }
        return Set.copyOf(out);
    }
}
