package io.cikit.build.jenkins.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Field look-up that ignores spelling: {@code BUILD_NUMBER}, {@code build_number}, {@code buildNumber} and
 * {@code build-number} are one name (in objects of up to 512 fields; larger ones match exact names only). Jenkins payloads come from plugins, pipeline steps and shell scripts, each
 * spelling the same facts its own way.
 */
final class LooseFields {
    // epoch values below this are seconds, above are milliseconds (10^11 s is the year 5138; 10^11 ms is 1973)
    private static final long SECONDS_MILLIS_BOUNDARY = 100_000_000_000L;
    // build reports have a few dozen fields; a huge object gets exact-name look-ups only, so a hostile body cannot
    // make every look-up fold hundreds of thousands of names
    private static final int MAX_FOLDED_SCAN = 512;

    private LooseFields() {
    }

    /** The spelling-free form of a name: lower case without {@code _ - .} and spaces. */
    static String fold(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != '_' && c != '-' && c != '.' && c != ' ') {
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /** The value of the first of {@code names} (folded) the object has, or a missing node. */
    static JsonNode find(JsonNode object, String... names) {
        if (!object.isObject()) {
            return MissingNode.getInstance();
        }
        for (String name : names) {
            JsonNode exact = object.get(name);
            if (exact != null && !exact.isNull()) {
                return exact;
            }
        }
        if (object.size() > MAX_FOLDED_SCAN) {
            return MissingNode.getInstance();
        }
        for (String name : names) {
            String wanted = fold(name);
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                if (fold(field.getKey()).equals(wanted) && !field.getValue().isNull()) {
                    return field.getValue();
                }
            }
        }
        return MissingNode.getInstance();
    }

    /** A non-blank scalar of the first matching field, as text. */
    static Optional<String> text(JsonNode object, String... names) {
        JsonNode n = find(object, names);
        if (!n.isValueNode() || n.isNull()) {
            return Optional.empty();
        }
        String s = n.asText().strip();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    /** A non-negative integer of the first matching field (a JSON number or a numeric string). */
    static OptionalLong number(JsonNode object, String... names) {
        JsonNode n = find(object, names);
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return nonNegative(n.asLong());
        }
        if (n.isNumber() && Double.isFinite(n.asDouble()) && Math.abs(n.asDouble()) < Long.MAX_VALUE) {
            return nonNegative((long) n.asDouble());
        }
        if (n.isTextual()) {
            try {
                return nonNegative(Long.parseLong(n.asText().strip()));
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }

    /** An object of the first matching field that is an object. */
    static Optional<JsonNode> object(JsonNode object, String... names) {
        JsonNode n = find(object, names);
        return n.isObject() ? Optional.of(n) : Optional.empty();
    }

    /**
     * An instant: epoch milliseconds (Jenkins' own unit), epoch seconds when the number is too small to be
     * milliseconds of this era, or ISO-8601 text. Empty for anything else, or out of {@link Instant}'s range.
     */
    static Optional<Instant> instant(JsonNode object, String... names) {
        JsonNode n = find(object, names);
        OptionalLong epoch = number(object, names);
        if (epoch.isPresent()) {
            long v = epoch.getAsLong();
            if (v == 0) {
                return Optional.empty();
            }
            return Optional.of(v < SECONDS_MILLIS_BOUNDARY ? Instant.ofEpochSecond(v) : Instant.ofEpochMilli(v));
        }
        if (n.isTextual()) {
            try {
                return Optional.of(Instant.parse(n.asText().strip()));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static OptionalLong nonNegative(long v) {
        return v < 0 ? OptionalLong.empty() : OptionalLong.of(v);
    }
}
