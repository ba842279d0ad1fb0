package io.cikit.core.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Immutable, case-insensitive, multi-valued HTTP headers. Names keep the spelling they were first given for
 * display; look-ups fold case ({@link String#toLowerCase(Locale) toLowerCase(Locale.ROOT)} of both sides).
 *
 * <p>Look-ups with a name that is already lower-case ASCII ({@code "x-gitlab-token"}, as HTTP/2 sends every name)
 * neither copy nor re-hash it, so constants looked up per request cost one map probe; other names are lower-cased
 * on each look-up. Immutable and thread-safe; the {@link Builder} is not.
 */
public final class Headers {
    private static final Headers EMPTY = new Headers(Map.of());

    // lower-cased name -> the name as first given and every value, in the order names were first given
    private final Map<String, Field> fields;

    private Headers(Map<String, Field> fields) {
        this.fields = fields;
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
        Field field = field(name);
        return field == null ? Optional.empty() : Optional.of(field.values.get(0));
    }

    /** Every value of a header, case-insensitively; empty when absent. */
    public List<String> all(String name) {
        Field field = field(name);
        return field == null ? List.of() : field.values;
    }

    public boolean contains(String name) {
        return field(name) != null;
    }

    /**
     * The header named so, case-insensitively. Keys are lower-cased, so a name found as given is one already: the
     * constants parsers look up are, and they are found without reading the name through.
     */
    private @Nullable Field field(String name) {
        Field field = fields.get(name);
        if (field != null) {
            return field;
        }
        String lower = lowerCase(name);
        // lowerCase answers the name itself when it is lower-case already: then there is nothing more to look up
        return lower == name ? null : fields.get(lower);
    }

    /** Header names as first given. */
    public List<String> names() {
        List<String> names = new ArrayList<>(fields.size());
        fields.values().forEach(f -> names.add(f.displayName));
        return Collections.unmodifiableList(names);
    }

    /** A multi-valued map keyed by the names as first given. */
    public Map<String, List<String>> asMap() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        fields.values().forEach(f -> out.put(f.displayName, f.values));
        return Collections.unmodifiableMap(out);
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    /** A builder holding these headers, to add or replace some. */
    public Builder toBuilder() {
        Builder b = builder();
        fields.values().forEach(f -> f.values.forEach(v -> b.add(f.displayName, v)));
        return b;
    }

    /** Equal when the same names (case-insensitively) carry the same values in the same order. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Headers other) || fields.size() != other.fields.size()) {
            return false;
        }
        for (Map.Entry<String, Field> e : fields.entrySet()) {
            Field theirs = other.fields.get(e.getKey());
            if (theirs == null || !theirs.values.equals(e.getValue().values)) {
                return false;
            }
        }
        return true;
    }

    /** The hash of the map from lower-cased names to values (as {@link Map#hashCode()} defines it). */
    @Override
    public int hashCode() {
        int hash = 0;
        for (Map.Entry<String, Field> e : fields.entrySet()) {
            hash += e.getKey().hashCode() ^ e.getValue().values.hashCode();
        }
        return hash;
    }

    /** Names only: values may be secrets. */
    @Override
    public String toString() {
        return "Headers" + names();
    }

    /**
     * {@code name.toLowerCase(Locale.ROOT)}, but a name that is lower-case ASCII already comes back as is, without the
     * JDK's per-character table look-ups (the usual case: HTTP/2 names and the constants parsers look up).
     */
    static String lowerCase(String name) {
        for (int i = 0, n = name.length(); i < n; i++) {
            char c = name.charAt(i);
            if (c >= 0x80 || (c >= 'A' && c <= 'Z')) {
                return name.toLowerCase(Locale.ROOT);
            }
        }
        return name;
    }

    /**
     * One header: its name as first given and its values (never empty). Only {@link Builder#build()} changes it,
     * before the {@link Headers} holding it exists.
     */
    private static final class Field {
        final String displayName;
        List<String> values;

        Field(String displayName, String value) {
            this.displayName = displayName;
            this.values = List.of(value);
        }

        void add(String value) {
            if (!(values instanceof ArrayList)) {
                values = new ArrayList<>(values);
            }
            values.add(value);
        }

        void freeze() {
            if (values instanceof ArrayList) {
                values = List.copyOf(values);
            }
        }
    }

    /** Collects headers; not thread-safe. */
    public static final class Builder {
        // (lower-cased name, name, value) triples, appended as given and grouped by name only in build(), so adding
        // costs neither hashing nor an object per header
        private String[] entries = new String[3 * 8];
        private int size;

        private Builder() {
        }

        public Builder add(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (size == entries.length) {
                entries = Arrays.copyOf(entries, size * 2);
            }
            entries[size] = lowerCase(name);
            entries[size + 1] = name;
            entries[size + 2] = value;
            size += 3;
            return this;
        }

        public Builder set(String name, String value) {
            remove(name);
            return add(name, value);
        }

        public Builder remove(String name) {
            String lower = lowerCase(name);
            int kept = 0;
            for (int i = 0; i < size; i += 3) {
                if (!entries[i].equals(lower)) {
                    System.arraycopy(entries, i, entries, kept, 3);
                    kept += 3;
                }
            }
            Arrays.fill(entries, kept, size, null);
            size = kept;
            return this;
        }

        public Headers build() {
            if (size == 0) {
                return EMPTY;
            }
            // sized so that no rehash happens even if every entry is a different name
            Map<String, Field> fields = new LinkedHashMap<>(size / 3 * 4 / 3 + 1);
            boolean repeated = false;
            for (int i = 0; i < size; i += 3) {
                // one probe per header; a repeated name (rare) costs a Field thrown away
                Field known = fields.putIfAbsent(entries[i], new Field(entries[i + 1], entries[i + 2]));
                if (known != null) {
                    known.add(entries[i + 2]);
                    repeated = true;
                }
            }
            if (repeated) {
                fields.values().forEach(Field::freeze);
            }
            // the fields are complete before the final field publishes them, and never change afterwards
            return new Headers(Collections.unmodifiableMap(fields));
        }
    }
}
