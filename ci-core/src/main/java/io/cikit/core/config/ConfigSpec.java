package io.cikit.core.config;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The keys a component reads, checked together by {@link ProviderConfig#validate(ConfigSpec)} so an operator sees
 * every missing or invalid key in one {@link ConfigurationException} rather than one per restart.
 *
 * <p>Immutable. Two keys that fold to the same name ({@code a.b-c} and {@code A_B_C}) are rejected with
 * {@link IllegalArgumentException}.
 *
 * @param keys the keys, in the order problems are reported
 */
public record ConfigSpec(List<ConfigKey<?>> keys) {

    public ConfigSpec {
        keys = List.copyOf(Objects.requireNonNull(keys, "keys"));
        Set<String> seen = new HashSet<>();
        for (ConfigKey<?> key : keys) {
            if (!seen.add(KeyName.fold(key.name()))) {
                throw new IllegalArgumentException("`" + key.name() + "` appears twice in the spec");
            }
        }
    }

    public static ConfigSpec of(ConfigKey<?>... keys) {
        return new ConfigSpec(List.of(keys));
    }

    /** This spec followed by another's keys (a module's keys beside the core's). */
    public ConfigSpec and(ConfigSpec other) {
        return new ConfigSpec(Stream.concat(keys.stream(), other.keys.stream()).toList());
    }
}
