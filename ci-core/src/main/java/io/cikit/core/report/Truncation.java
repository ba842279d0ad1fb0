package io.cikit.core.report;

import java.util.Objects;

/**
 * Cuts texts to a provider's length limit instead of letting the provider reject them: a status description to 140
 * characters with an ellipsis, a comment body to 65536 with a visible "truncated" line.
 *
 * <p>Lengths are counted in UTF-16 {@code char}s, which is never fewer than the code points a provider may count,
 * so a result within the limit here is within it there too. A cut never splits a surrogate pair. Stateless.
 */
public final class Truncation {
    /** The ellipsis put at the end of a cut one-line text. */
    public static final String ELLIPSIS = "…";

    private Truncation() {
    }

    /**
     * The text itself when it fits in {@code maxChars}, else its start followed by {@link #ELLIPSIS}, at most
     * {@code maxChars} long.
     *
     * @throws IllegalArgumentException when {@code maxChars} is below 1
     */
    public static String ellipsis(String text, int maxChars) {
        return withSuffix(text, maxChars, ELLIPSIS);
    }

    /**
     * The text itself when it fits in {@code maxChars}, else its start followed by {@code suffix}, at most
     * {@code maxChars} long in all. A suffix longer than the limit is itself cut.
     *
     * @throws IllegalArgumentException when {@code maxChars} is below 1
     */
    public static String withSuffix(String text, int maxChars, String suffix) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(suffix, "suffix");
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be positive: " + maxChars);
        }
        if (text.length() <= maxChars) {
            return text;
        }
        if (suffix.length() >= maxChars) {
            return prefix(suffix, maxChars);
        }
        return prefix(text, maxChars - suffix.length()) + suffix;
    }

    /**
     * At most the first {@code maxChars} chars of {@code text}, one fewer when the cut would leave half of a
     * surrogate pair.
     */
    public static String prefix(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int end = Math.max(0, maxChars);
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1)) && Character.isLowSurrogate(text.charAt(end))) {
            end--;
        }
        return text.substring(0, end);
    }
}
