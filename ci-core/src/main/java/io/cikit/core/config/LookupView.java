package io.cikit.core.config;

import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** {@link ProviderConfig#of}: a lookup function, typically a map's {@code get}. */
final class LookupView implements ProviderConfig {
    private final Function<String, ? extends @Nullable String> lookup;

    LookupView(Function<String, ? extends @Nullable String> lookup) {
        this.lookup = lookup;
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.<String>ofNullable(lookup.apply(KeyName.checked(key))).map(String::strip).filter(s -> !s.isEmpty());
    }

    @Override
    public String toString() {
        // the function may hold anything, secrets included
        return "ProviderConfig[lookup]";
    }
}
