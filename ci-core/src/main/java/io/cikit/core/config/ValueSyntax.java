package io.cikit.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How configuration text becomes typed values. Every parser takes a stripped, non-empty string and throws
 * {@link IllegalArgumentException} (or another runtime exception) when it does not parse; {@link ConfigKey} turns
 * that into a {@link ConfigurationException} naming the key.
 */
final class ValueSyntax {
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,18})\\s*(ms|s|m|h|d)?", Pattern.CASE_INSENSITIVE);

    private ValueSyntax() {}

    static int integer(String text) {
        return Integer.parseInt(text);
    }

    static long longValue(String text) {
        return Long.parseLong(text);
    }

    static boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }

    /** {@code 250ms}, {@code 30s}, {@code 5m}, {@code 4h}, {@code 2d}, ISO-8601 {@code PT30S}, or a bare number of seconds. */
    static Duration duration(String text) {
        Duration parsed;
        if (text.startsWith("P") || text.startsWith("p") || text.startsWith("-P") || text.startsWith("-p")) {
            parsed = Duration.parse(text.toUpperCase(Locale.ROOT));
        } else {
            Matcher m = SHORT_DURATION.matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a duration");
            }
            long amount = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(Locale.ROOT);
            parsed = switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> throw new IllegalArgumentException("unknown unit");
            };
        }
        if (parsed.isNegative()) {
            throw new IllegalArgumentException("negative duration");
        }
        return parsed;
    }

    /** An absolute URI: configuration names endpoints, and a relative one has nothing to resolve against. */
    static URI uri(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URI", e);
        }
        if (!uri.isAbsolute()) {
            throw new IllegalArgumentException("not absolute");
        }
        return uri;
    }

    /** Comma-separated items, each stripped; empty items are dropped. */
    static List<String> list(String text) {
        return Arrays.stream(text.split(",", -1)).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    static List<Secret> secrets(String text) {
        return list(text).stream().map(Secret::of).toList();
    }
}
