package io.cikit.vcs.github.internal;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hidden marker that makes a comment sticky: {@code <!-- cikit:<key> -->} on the body's first line, invisible in
 * rendered Markdown. Keys are 1–{@value #MAX_KEY_LENGTH} characters from {@code A-Z a-z 0-9 . _ : / -}, so a key can
 * never close the HTML comment or be confused with another key.
 */
public final class StickyMarker {
    public static final int MAX_KEY_LENGTH = 100;

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:/-]{1," + MAX_KEY_LENGTH + "}");
    private static final Pattern MARKER = Pattern.compile("<!-- cikit:([A-Za-z0-9._:/-]{1," + MAX_KEY_LENGTH + "}) -->");

    private StickyMarker() {
    }

    /**
     * The marker for a key.
     *
     * @throws IllegalArgumentException for a key outside the alphabet or too long
     */
    public static String of(String key) {
        Objects.requireNonNull(key, "key");
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("a sticky comment key is 1-" + MAX_KEY_LENGTH
                    + " characters from A-Z a-z 0-9 . _ : / -");
        }
        return "<!-- cikit:" + key + " -->";
    }

    /** Whether a comment body carries the marker of exactly this key. */
    public static boolean marks(String body, String key) {
        return body.contains(of(key));
    }

    /** The key of the first marker in a body, if any. */
    public static Optional<String> keyIn(String body) {
        Matcher m = MARKER.matcher(body);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
