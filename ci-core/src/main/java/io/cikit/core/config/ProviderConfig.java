package io.cikit.core.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Configuration as a provider sees it: a {@link #get(String)} lookup plus typed accessors built on it. SPI factories
 * receive one, usually {@code ciConfig.forPrefix("cikit.slack")}, and read {@code get("webhook-url")}; tests build
 * one from a map with {@link #of(Function) ProviderConfig.of(map::get)}.
 *
 * <p>Values are stripped of surrounding whitespace; an empty value counts as not set. Typed accessors throw
 * {@link ConfigurationException} naming the key (as {@code cikit.slack.webhook-url} / {@code CIKIT_SLACK_WEBHOOK_URL})
 * and the offending value, except for secret values, which no message ever shows.
 *
 * <p>Only {@link #get} is abstract. Implementations from {@link CiConfig} and {@link #of} are immutable and
 * thread-safe as long as the lookup function is.
 */
@FunctionalInterface
public interface ProviderConfig {

    /** The raw value of a key, stripped; empty when not set or blank. */
    Optional<String> get(String key);

    /** The key as operators know it, for messages: with this view's prefix, in property spelling. */
    default String keyName(String key) {
        return KeyName.propertyForm(KeyName.checked(key));
    }

    /** The value of a key that must be set. @throws ConfigurationException naming the key in both spellings */
    default String require(String key) {
        return require(ConfigKey.string(key));
    }

    /**
     * The parsed value of a key, or its default when not set.
     *
     * @throws ConfigurationException when the text does not parse
     */
    default <T> Optional<T> value(ConfigKey<T> key) {
        Objects.requireNonNull(key, "key");
        Optional<String> text = get(key.name()).map(String::strip).filter(s -> !s.isEmpty());
        if (text.isEmpty()) {
            return key.defaultValue();
        }
        return Optional.of(key.parse(text.get(), keyName(key.name())));
    }

    /** The parsed value of a key, or its default. @throws ConfigurationException when neither exists or it does not parse */
    default <T> T require(ConfigKey<T> key) {
        return value(key).orElseThrow(() -> new ConfigurationException(missing(keyName(key.name()))));
    }

    default Optional<Secret> secret(String key) {
        return value(ConfigKey.secretValue(key));
    }

    /** Comma-separated secrets (several are valid while one is rotated out); empty when not set. */
    default List<Secret> secrets(String key) {
        return value(ConfigKey.secrets(key)).orElse(List.of());
    }

    /** Comma-separated items, stripped, empty ones dropped; empty when not set. */
    default List<String> list(String key) {
        return value(ConfigKey.list(key)).orElse(List.of());
    }

    default Optional<Integer> integer(String key) {
        return value(ConfigKey.integer(key));
    }

    default Optional<Long> longValue(String key) {
        return value(ConfigKey.longValue(key));
    }

    /** {@code true/false}, {@code yes/no} or {@code on/off}, any case. */
    default Optional<Boolean> bool(String key) {
        return value(ConfigKey.bool(key));
    }

    /** {@code 250ms}, {@code 30s}, {@code 5m}, {@code 4h}, {@code 2d}, ISO-8601 {@code PT30S}, or whole seconds; never negative. */
    default Optional<Duration> duration(String key) {
        return value(ConfigKey.duration(key));
    }

    /** An absolute URI. */
    default Optional<URI> uri(String key) {
        return value(ConfigKey.uri(key));
    }

    /**
     * Checks every key of a spec and reports every problem at once.
     *
     * @throws ConfigurationException whose {@link ConfigurationException#problems()} lists each missing or invalid key
     */
    default void validate(ConfigSpec spec) {
        List<String> problems = new ArrayList<>();
        for (ConfigKey<?> key : spec.keys()) {
            try {
                if (value(key).isEmpty() && key.isRequired()) {
                    problems.add(missing(keyName(key.name())));
                }
            } catch (ConfigurationException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
    }

    /** A view where {@code get("webhook-url")} reads {@code <prefix>.webhook-url}. */
    default ProviderConfig forPrefix(String prefix) {
        return new PrefixView(this, KeyName.checked(prefix));
    }

    /** Where a key's value comes from, for operators; never shows the value. */
    default String describe(String key) {
        return KeyName.forMessage(keyName(key)) + (value(ConfigKey.string(key)).isPresent() ? ": set" : ": not set");
    }

    /**
     * A view over a lookup function that returns null for absent keys ({@code map::get}, {@code props::getProperty}).
     * Keys are passed to the function as asked, without folding.
     */
    static ProviderConfig of(Function<String, ? extends @Nullable String> lookup) {
        Objects.requireNonNull(lookup, "lookup");
        return new LookupView(lookup);
    }

    /** A configuration where nothing is set. */
    static ProviderConfig empty() {
        return of(key -> null);
    }

    private static String missing(String key) {
        return KeyName.forMessage(key) + " is required but not set";
    }
}
