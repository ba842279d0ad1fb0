package io.cikit.core.config;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The spellings of one configuration key. Keys match after folding: case is ignored and {@code .}, {@code -} and
 * {@code _} are the same character, so {@code cikit.slack.webhook-url} and {@code CIKIT_SLACK_WEBHOOK_URL} are one key.
 */
final class KeyName {
    private static final int MAX_SHOWN_VALUE = 80;

    /** Key fragments that mark a value as secret even when nobody declared it so: such values are never shown. */
    private static final List<String> SECRET_LOOKING =
            List.of("token", "secret", "password", "passwd", "credential", "private", "apikey", "api.key", "webhook.url");

    private KeyName() {}

    /** The folded form two spellings of the same key share: lower case, every separator a dot. */
    static String fold(String key) {
        return key.toLowerCase(Locale.ROOT).replace('-', '.').replace('_', '.');
    }

    /** The spelling for properties files and {@code -D} options: as given when already lower-case dotted. */
    static String propertyForm(String key) {
        boolean envLike = key.indexOf('_') >= 0 || !key.equals(key.toLowerCase(Locale.ROOT));
        return envLike ? key.toLowerCase(Locale.ROOT).replace('_', '.') : key;
    }

    /** The spelling for environment variables: upper case, every separator an underscore. */
    static String envForm(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** How messages name a key: both spellings, so an operator can grep for either. */
    static String forMessage(String key) {
        return "`" + propertyForm(key) + "` / `" + envForm(key) + "`";
    }

    /** Whether a key's name suggests its value is secret (token, password, webhook URL…). */
    static boolean looksSecret(String key) {
        String folded = fold(key);
        return SECRET_LOOKING.stream().anyMatch(folded::contains);
    }

    /** A value as messages may show it: quoted and cut short, so a pasted blob does not flood a log. */
    static String showValue(String value) {
        String shown = value.length() > MAX_SHOWN_VALUE ? value.substring(0, MAX_SHOWN_VALUE) + "…" : value;
        // control characters could forge log lines
        return "`" + shown.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append) + "`";
    }

    /** Rejects keys that cannot name anything; the API never accepts a blank key. */
    static String checked(String key) {
        Objects.requireNonNull(key, "key");
        if (key.isBlank()) {
            throw new IllegalArgumentException("a configuration key must not be blank");
        }
        return key.strip();
    }

    /** Appends a key to a prefix, adding a dot unless the prefix already ends with a separator. */
    static String join(String prefix, String key) {
        if (prefix.isEmpty()) {
            return key;
        }
        char last = prefix.charAt(prefix.length() - 1);
        return last == '.' || last == '-' || last == '_' ? prefix + key : prefix + "." + key;
    }
}
