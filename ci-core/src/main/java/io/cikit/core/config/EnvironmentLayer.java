package io.cikit.core.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the environment: every variable whose folded name starts with {@code cikit.}, then aliases. For each key a
 * {@code CIKIT_} variable comes first, then its aliases in the order given; the first setting counts, the others are
 * shadowed.
 */
final class EnvironmentLayer {
    private static final String WHAT = "environment variables";

    private EnvironmentLayer() {}

    /**
     * @param aliases environment variable name to key, in the order they are consulted
     * @param problems where ambiguities are recorded (two spellings of one name with different values)
     */
    static Map<String, List<Layer.Setting>> read(Map<String, String> env, Map<String, String> aliases, List<String> problems) {
        Map<String, List<Layer.Setting>> out = new LinkedHashMap<>();
        Layer.read(env, true, n -> "environment variable `" + n + "`", WHAT, problems)
                .forEach((folded, settings) -> out.computeIfAbsent(folded, k -> new ArrayList<>()).addAll(settings));

        Map<String, String> foldedAliases = new LinkedHashMap<>();
        aliases.forEach((name, key) -> foldedAliases.put(KeyName.fold(name), key));
        Map<String, List<Map.Entry<String, String>>> found = Layer.group(env, foldedAliases::containsKey);
        foldedAliases.forEach((foldedName, key) -> {
            List<Map.Entry<String, String>> entries = found.get(foldedName);
            if (entries != null) {
                Map.Entry<String, String> chosen = Layer.agreed(WHAT, entries, problems);
                out.computeIfAbsent(KeyName.fold(key), k -> new ArrayList<>()).add(new Layer.Setting(
                        "environment variable `" + chosen.getKey() + "` (alias)", chosen.getValue()));
            }
        });
        return out;
    }
}
