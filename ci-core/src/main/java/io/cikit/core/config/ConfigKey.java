package io.cikit.core.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One configuration key a component reads: its name, how its text parses, whether it is required, an optional
 * default, and whether its value is secret (never shown in messages). Read it with
 * {@link ProviderConfig#value(ConfigKey)}; list several in a {@link ConfigSpec} to validate them all at once.
 *
 * <p>Immutable and thread-safe; the {@code required()}, {@code withDefault(…)} and {@code secret()} methods return
 * changed copies. A required key cannot have a default ({@link IllegalStateException}).
 *
 * @param <T> the parsed type
 */
public final class ConfigKey<T> {
    private static final String DURATION = "a duration (250ms, 30s, 5m, 4h, 2d, PT30S, or a whole number of seconds)";

    private final String name;
    private final String typeName;
    private final Function<String, T> parser;
    private final boolean required;
    private final @Nullable T defaultValue;
    private final boolean secret;

    private ConfigKey(String name, String typeName, Function<String, T> parser, boolean required,
            @Nullable T defaultValue, boolean secret) {
        this.name = name;
        this.typeName = typeName;
        this.parser = parser;
        this.required = required;
        this.defaultValue = defaultValue;
        this.secret = secret;
    }

    /**
     * A key with a custom parser.
     *
     * @param typeName what a valid value is, for messages ("a port number", "one of github, gitlab")
     * @param parser turns stripped, non-empty text into a value; throws any runtime exception when it does not
     *     parse (its message is never shown, since it may quote a secret)
     */
    public static <T> ConfigKey<T> of(String name, String typeName, Function<String, T> parser) {
        Objects.requireNonNull(typeName, "typeName");
        Objects.requireNonNull(parser, "parser");
        return new ConfigKey<>(KeyName.checked(name), typeName, parser, false, null, false);
    }

    public static ConfigKey<String> string(String name) {
        return of(name, "a string", Function.identity());
    }

    public static ConfigKey<Integer> integer(String name) {
        return of(name, "an integer", ValueSyntax::integer);
    }

    public static ConfigKey<Long> longValue(String name) {
        return of(name, "an integer", ValueSyntax::longValue);
    }

    /** {@code true/false}, {@code yes/no} or {@code on/off}, any case. */
    public static ConfigKey<Boolean> bool(String name) {
        return of(name, "a boolean (true/false, yes/no, on/off)", ValueSyntax::bool);
    }

    /** {@code 250ms}, {@code 30s}, {@code 5m}, {@code 4h}, {@code 2d}, ISO-8601 {@code PT30S}, or whole seconds; never negative. */
    public static ConfigKey<Duration> duration(String name) {
        return of(name, DURATION, ValueSyntax::duration);
    }

    /** An absolute URI. */
    public static ConfigKey<URI> uri(String name) {
        return of(name, "an absolute URI", ValueSyntax::uri);
    }

    /** Comma-separated items, stripped, empty ones dropped. */
    public static ConfigKey<List<String>> list(String name) {
        return of(name, "a comma-separated list", ValueSyntax::list);
    }

    /** A secret; marked {@link #secret()}. */
    public static ConfigKey<Secret> secretValue(String name) {
        return of(name, "a secret", Secret::of).secret();
    }

    /** Comma-separated secrets, several accepted at once while one is rotated out; marked {@link #secret()}. */
    public static ConfigKey<List<Secret>> secrets(String name) {
        return of(name, "a comma-separated list of secrets", ValueSyntax::secrets).secret();
    }

    /** This key, reported as missing by validation when it is not set. */
    public ConfigKey<T> required() {
        if (defaultValue != null) {
            throw new IllegalStateException("`" + name + "` has a default, so it cannot be required");
        }
        return new ConfigKey<>(name, typeName, parser, true, null, secret);
    }

    /** This key, with the value it takes when not set. */
    public ConfigKey<T> withDefault(T value) {
        Objects.requireNonNull(value, "value");
        if (required) {
            throw new IllegalStateException("`" + name + "` is required, so it cannot have a default");
        }
        return new ConfigKey<>(name, typeName, parser, false, value, secret);
    }

    /** This key, with its value never shown in messages. */
    public ConfigKey<T> secret() {
        return new ConfigKey<>(name, typeName, parser, required, defaultValue, true);
    }

    public String name() {
        return name;
    }

    /** What a valid value is, as messages say it ("an integer"). */
    public String typeName() {
        return typeName;
    }

    public boolean isRequired() {
        return required;
    }

    public Optional<T> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** Whether the value is hidden from messages: declared secret, or named like one ({@code …token}, {@code …password}, {@code …webhook-url}). */
    public boolean isSecret() {
        return secret || KeyName.looksSecret(name);
    }

    /**
     * Parses text read for this key.
     *
     * @param shownAs the key as messages should name it (with a view's prefix)
     * @throws ConfigurationException naming the key, and the value unless it is secret
     */
    T parse(String text, String shownAs) {
        try {
            return Objects.requireNonNull(parser.apply(text), "parser returned null");
        } catch (RuntimeException e) {
            boolean hide = isSecret() || KeyName.looksSecret(shownAs);
            String value = hide ? "the value (hidden)" : KeyName.showValue(text);
            throw new ConfigurationException(KeyName.forMessage(shownAs) + ": " + value + " is not " + typeName);
        }
    }

    @Override
    public String toString() {
        return "ConfigKey[" + name + ", " + typeName + (required ? ", required" : "")
                + (defaultValue != null ? ", has default" : "") + (isSecret() ? ", secret" : "") + "]";
    }
}
