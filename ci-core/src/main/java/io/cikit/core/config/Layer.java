package io.cikit.core.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * One source of configuration (builder, system properties, environment, properties file), keyed by folded key.
 * Each key maps to the settings that supplied it: the one that counts first, those it shadows after.
 *
 * @param name how operators know the source ("environment", "properties file `/etc/cikit.properties`")
 * @param settings folded key to settings, winner first; lists are never empty
 */
record Layer(String name, Map<String, List<Setting>> settings) {

    Layer {
        Objects.requireNonNull(name, "name");
        Map<String, List<Setting>> copy = new LinkedHashMap<>();
        settings.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        settings = Collections.unmodifiableMap(copy);
    }

    /** A value and where it was read; {@code source} names the spelling used, never the value. */
    record Setting(String source, String value) {
        Setting {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * Settings from one flat source: names folded, values stripped, empty values dropped.
     *
     * @param cikitOnly keep only keys in the {@code cikit.} namespace (for sources shared with the rest of the
     *     process: environment, system properties)
     * @param describe names one entry for operators ("system property `x`")
     * @param what names the source's entries in a problem ("system properties")
     */
    static Map<String, List<Setting>> read(Map<String, String> raw, boolean cikitOnly, UnaryOperator<String> describe,
            String what, List<String> problems) {
        Map<String, List<Setting>> out = new LinkedHashMap<>();
        group(raw, folded -> !cikitOnly || folded.startsWith("cikit.")).forEach((folded, entries) -> {
            Map.Entry<String, String> chosen = agreed(what, entries, problems);
            out.put(folded, List.of(new Setting(describe.apply(chosen.getKey()), chosen.getValue())));
        });
        return out;
    }

    /** Non-empty entries whose folded name passes {@code keep}, grouped by folded name; names sorted for stable output. */
    static Map<String, List<Map.Entry<String, String>>> group(Map<String, String> raw, Predicate<String> keep) {
        Map<String, List<Map.Entry<String, String>>> byKey = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : new TreeMap<>(raw).entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            String folded = KeyName.fold(e.getKey().strip());
            String value = e.getValue().strip();
            if (!value.isEmpty() && keep.test(folded)) {
                byKey.computeIfAbsent(folded, k -> new ArrayList<>()).add(Map.entry(e.getKey(), value));
            }
        }
        return byKey;
    }

    /**
     * The one entry among spellings of the same name. Spellings that disagree make the source ambiguous: a problem
     * naming them (never their values) is recorded.
     */
    static Map.Entry<String, String> agreed(String what, List<Map.Entry<String, String>> entries, List<String> problems) {
        Map.Entry<String, String> first = entries.get(0);
        if (entries.stream().anyMatch(e -> !e.getValue().equals(first.getValue()))) {
            List<String> names = entries.stream().map(e -> "`" + e.getKey() + "`").toList();
            problems.add(what + " " + String.join(" and ", names)
                    + " differ only in case or separators, so they are one key, but hold different values;"
                    + " remove all but one");
        }
        return first;
    }
}
