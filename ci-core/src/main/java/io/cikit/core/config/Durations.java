package io.cikit.core.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The one check that a configured duration (timeout, interval, time to live) is positive, so every builder and
 * configuration reader says the same thing about it: {@code "<name> must be positive: <duration>"}.
 *
 * <p>Stateless and thread-safe. Only positivity is checked: callers with an upper bound (e.g. a value that must fit
 * an {@code int} of milliseconds) check it after this.
 */
public final class Durations {
    private Durations() {
    }

    /**
     * {@code d}, after checking it is positive.
     *
     * @param name the setting's name as the caller knows it, e.g. {@code "timeout"}; it begins the message
     * @return {@code d} itself
     * @throws NullPointerException naming {@code name} when {@code d} is null
     * @throws IllegalArgumentException {@code "<name> must be positive: <d>"} when {@code d} is zero or negative
     */
    public static Duration requirePositive(String name, Duration d) {
        // problemIfNotPositive makes the null checks, with the same messages
        Optional<String> problem = problemIfNotPositive(name, d);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        return d;
    }

    /**
     * The problem to report when {@code d} is not positive, for readers that collect every problem before throwing a
     * {@link ConfigurationException}; the text is the message {@link #requirePositive} would throw.
     *
     * @param name the setting's name as the reader shows it, e.g. a quoted configuration key
     * @return {@code "<name> must be positive: <d>"} when {@code d} is zero or negative, else empty
     * @throws NullPointerException when an argument is null
     */
    public static Optional<String> problemIfNotPositive(String name, Duration d) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            return Optional.of(name + " must be positive: " + d);
        }
        return Optional.empty();
    }
}
