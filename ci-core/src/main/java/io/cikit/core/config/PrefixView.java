package io.cikit.core.config;

import java.util.Optional;

/** {@link ProviderConfig#forPrefix}: every key is read under a prefix of the parent's. */
record PrefixView(ProviderConfig parent, String prefix) implements ProviderConfig {

    @Override
    public Optional<String> get(String key) {
        return parent.get(full(key));
    }

    @Override
    public String keyName(String key) {
        return parent.keyName(full(key));
    }

    @Override
    public String describe(String key) {
        return parent.describe(full(key));
    }

    @Override
    public ProviderConfig forPrefix(String more) {
        return new PrefixView(parent, full(more));
    }

    @Override
    public String toString() {
        return "ProviderConfig[prefix=" + prefix + " of " + parent + "]";
    }

    private String full(String key) {
        return KeyName.join(prefix, KeyName.checked(key));
    }
}
