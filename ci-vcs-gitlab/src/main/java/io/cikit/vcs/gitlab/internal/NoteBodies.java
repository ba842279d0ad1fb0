package io.cikit.vcs.gitlab.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Merge request note bodies: GitLab refuses notes over {@value #MAX_CHARS} characters, so longer bodies are cut,
 * ending in a visible line saying how much was cut. Sticky notes start with a hidden HTML comment naming their key,
 * {@code <!-- cikit:sticky:<key> -->}, by which a later run finds and updates them.
 */
public final class NoteBodies {
    /** GitLab's limit on a note body, in characters. */
    public static final int MAX_CHARS = 1_000_000;

    private NoteBodies() {
    }

    /** The hidden marker of a sticky note. @throws IllegalArgumentException for a key that could end the comment early */
    public static String marker(String key) {
        String k = key.trim();
        if (k.isEmpty() || k.length() > 100 || !k.matches("[A-Za-z0-9._:/@+=-]+") || k.contains("--")) {
            throw new IllegalArgumentException("a sticky note key is 1-100 characters of letters, digits and ._:/@+=- "
                    + "without '--': " + key);
        }
        return "<!-- cikit:sticky:" + k.toLowerCase(Locale.ROOT) + " -->";
    }

    /** The marker followed by the body, within the limit. */
    public static String sticky(String marker, String body) {
        return cap(marker + "\n" + body, MAX_CHARS);
    }

    /** The body itself when it fits; otherwise its start and a truncation line, {@code limit} characters at most. */
    public static String cap(String body, int limit) {
        if (body.length() <= limit) {
            return body;
        }
        String line = truncationLine(body.length(), limit);
        if (line.length() > limit) {
            return body.substring(0, Character.isHighSurrogate(body.charAt(limit - 1)) ? limit - 1 : limit);
        }
        int keep = limit - line.length();
        // never split a surrogate pair: GitLab would see a broken character
        if (keep > 0 && Character.isHighSurrogate(body.charAt(keep - 1))) {
            keep--;
        }
        return body.substring(0, keep) + line;
    }

    /** The note among {@code bodies} that carries the marker, as an index. */
    public static Optional<Integer> find(List<String> bodies, String marker) {
        for (int i = 0; i < bodies.size(); i++) {
            if (bodies.get(i).contains(marker)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    private static String truncationLine(int length, int limit) {
        return "\n\n---\n*Truncated by cikit: this report is " + length + " characters, over GitLab's limit of " + limit
                + "; the end was cut.*";
    }
}
