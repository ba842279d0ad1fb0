package io.cikit.core.result.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the top level of a TAP "YAMLish" diagnostic block (the lines between {@code ---} and {@code ...}) into
 * key → text: plain and quoted scalars, {@code |}/{@code >} block scalars, and nested maps or lists kept as their
 * dedented raw text. Enough for {@code message}, {@code severity}, {@code duration_ms} and friends; not a YAML
 * parser, and never throws.
 */
final class Yamlish {
    static final int MAX_KEYS = 64;
    static final int MAX_VALUE_CHARS = 4096;

    private Yamlish() {
    }

    static Map<String, String> read(List<String> lines) {
        Map<String, String> out = new LinkedHashMap<>();
        int base = -1;
        for (String l : lines) {
            if (!l.isBlank()) {
                base = indent(l);
                break;
            }
        }
        if (base < 0) {
            return out;
        }
        int i = 0;
        while (i < lines.size() && out.size() < MAX_KEYS) {
            String l = lines.get(i);
            if (l.isBlank() || indent(l) != base) {
                i++;
                continue;
            }
            String t = l.substring(base);
            int colon = keyEnd(t);
            if (colon <= 0) {
                i++;
                continue;
            }
            String key = unquote(t.substring(0, colon).strip());
            String value = t.substring(colon + 1).strip();
            i++;
            int start = i;
            while (i < lines.size() && (lines.get(i).isBlank() || indent(lines.get(i)) > base)) {
                i++;
            }
            List<String> nested = lines.subList(start, i);
            String text;
            if (value.startsWith("|") || value.startsWith(">")) {
                text = block(nested, value.startsWith(">"));
            } else if (value.isEmpty()) {
                text = block(nested, false);
            } else {
                text = unquote(value);
            }
            out.put(key, bound(text));
        }
        return out;
    }

    private static int keyEnd(String t) {
        if (t.startsWith("- ") || t.startsWith("#")) {
            return -1;
        }
        boolean quoted = t.startsWith("\"") || t.startsWith("'");
        int from = 0;
        if (quoted) {
            int close = t.indexOf(t.charAt(0), 1);
            if (close < 0) {
                return -1;
            }
            from = close + 1;
        }
        for (int i = from; i < t.length(); i++) {
            if (t.charAt(i) == ':' && (i + 1 == t.length() || t.charAt(i + 1) == ' ')) {
                return i;
            }
        }
        return -1;
    }

    private static String block(List<String> lines, boolean folded) {
        int min = Integer.MAX_VALUE;
        for (String l : lines) {
            if (!l.isBlank()) {
                min = Math.min(min, indent(l));
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            if (sb.length() > MAX_VALUE_CHARS) {
                break;
            }
            if (sb.length() > 0) {
                sb.append(folded ? ' ' : '\n');
            }
            sb.append(l.isBlank() ? "" : l.substring(Math.min(min, l.length())).stripTrailing());
        }
        return sb.toString().strip();
    }

    static String unquote(String v) {
        if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
            return v.substring(1, v.length() - 1).replace("''", "'");
        }
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            StringBuilder sb = new StringBuilder();
            String s = v.substring(1, v.length() - 1);
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\\' && i + 1 < s.length()) {
                    char n = s.charAt(++i);
                    sb.append(switch (n) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        default -> n;
                    });
                } else {
                    sb.append(c);
                }
            }
            return sb.toString();
        }
        return v;
    }

    private static String bound(String s) {
        return s.length() <= MAX_VALUE_CHARS ? s : s.substring(0, MAX_VALUE_CHARS);
    }

    private static int indent(String l) {
        int i = 0;
        while (i < l.length() && (l.charAt(i) == ' ' || l.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }
}
