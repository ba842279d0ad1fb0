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
            return body.substring(0, pairSafe(body, limit));
        }
        return body.substring(0, pairSafe(body, limit - line.length())) + line;
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

    /** {@code end}, or one less when that would split a surrogate pair: GitLab would see a broken character. */
    public static int pairSafe(String text, int end) {
        return end > 0 && end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))
                && Character.isLowSurrogate(text.charAt(end)) ? end - 1 : end;
    }

    private static String truncationLine(int length, int limit) {
        return "\n\n---\n*Truncated by cikit: this report is " + length + " characters, over GitLab's limit of " + limit
                + "; the end was cut.*";
    }
}
