package io.cikit.core.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Immutable, case-insensitive, multi-valued HTTP headers. Names keep the spelling they were first given for
 * display; look-ups fold case.
 */
public final class Headers {
    private static final Headers EMPTY = new Headers(Map.of(), Map.of());

    private final Map<String, List<String>> byLowerName;
    private final Map<String, String> displayNames;

    private Headers(Map<String, List<String>> byLowerName, Map<String, String> displayNames) {
        this.byLowerName = byLowerName;
        this.displayNames = displayNames;
    }

    public static Headers empty() {
        return EMPTY;
    }

    /** Headers from name/value pairs: {@code Headers.of("X-GitHub-Event", "push", "Content-Type", "application/json")}. */
    public static Headers of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        Builder b = builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            b.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return b.build();
    }

    /** Headers from a single-valued map (e.g. a servlet's or a test's). */
    public static Headers of(Map<String, String> single) {
        Builder b = builder();
        single.forEach(b::add);
        return b.build();
    }

    /** Headers from a multi-valued map, as {@code java.net.http.HttpHeaders#map()} gives them. */
    public static Headers ofMulti(Map<String, List<String>> multi) {
        Builder b = builder();
        multi.forEach((name, values) -> values.forEach(v -> b.add(name, v)));
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The first value of a header, case-insensitively. */
    public Optional<String> first(String name) {
        List<String> values = byLowerName.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Every value of a header, case-insensitively; empty when absent. */
    public List<String> all(String name) {
        return byLowerName.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    public boolean contains(String name) {
        return byLowerName.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** Header names as first given. */
    public List<String> names() {
        return List.copyOf(displayNames.values());
    }

    /** A multi-valued map keyed by the names as first given. */
    public Map<String, List<String>> asMap() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        byLowerName.forEach((lower, values) -> out.put(displayNames.get(lower), values));
        return Collections.unmodifiableMap(out);
    }

    public boolean isEmpty() {
        return byLowerName.isEmpty();
    }

    /** A builder holding these headers, to add or replace some. */
    public Builder toBuilder() {
        Builder b = builder();
        asMap().forEach((name, values) -> values.forEach(v -> b.add(name, v)));
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Headers other && byLowerName.equals(other.byLowerName);
    }

    @Override
    public int hashCode() {
        return byLowerName.hashCode();
    }

    /** Names only: values may be secrets. */
    @Override
    public String toString() {
        return "Headers" + names();
    }

    /** Collects headers; not thread-safe. */
    public static final class Builder {
        private final Map<String, List<String>> byLowerName = new LinkedHashMap<>();
        private final Map<String, String> displayNames = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder add(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            String lower = name.toLowerCase(Locale.ROOT);
            displayNames.putIfAbsent(lower, name);
            byLowerName.computeIfAbsent(lower, k -> new ArrayList<>()).add(value);
            return this;
        }

        public Builder set(String name, String value) {
            remove(name);
            return add(name, value);
        }

        public Builder remove(String name) {
            String lower = name.toLowerCase(Locale.ROOT);
            byLowerName.remove(lower);
            displayNames.remove(lower);
            return this;
        }

        public Headers build() {
            Map<String, List<String>> frozen = new LinkedHashMap<>();
            byLowerName.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
            return new Headers(Collections.unmodifiableMap(frozen), Collections.unmodifiableMap(new LinkedHashMap<>(displayNames)));
        }
    }
}
