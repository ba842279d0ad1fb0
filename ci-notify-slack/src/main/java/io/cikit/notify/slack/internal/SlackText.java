package io.cikit.notify.slack.internal;

/**
 * Text rules of Slack's {@code mrkdwn}: escaping, cleaning and limit-safe truncation.
 *
 * <p>Truncation counts UTF-16 chars (never fewer than Slack's character count), never cuts a surrogate pair, an
 * escape entity ({@code &amp;}) or a link/mention ({@code <url|text>}, {@code <@U123>}): it backs off to before such
 * a unit and appends "…". Stateless and thread-safe.
 */
public final class SlackText {
    /** Appended to cut text. */
    public static final String ELLIPSIS = "…";

    private SlackText() {
    }

    /**
     * Replaces lone surrogates with U+FFFD and control characters (other than tab and newline) with a space, so the
     * text serialises as JSON and shows as written.
     */
    public static String clean(String text) {
        StringBuilder sb = null;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            String replacement = null;
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    if (sb != null) {
                        sb.append(c).append(text.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
                replacement = "\uFFFD";
            } else if (Character.isLowSurrogate(c)) {
                replacement = "\uFFFD";
            } else if (c == '\r') {
                replacement = "";
            } else if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
                replacement = " ";
            }
            if (replacement != null) {
                if (sb == null) {
                    sb = new StringBuilder(n).append(text, 0, i);
                }
                sb.append(replacement);
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? text : sb.toString();
    }

    /** Cleans text and escapes the three characters {@code mrkdwn} gives a meaning: {@code & < >}. */
    public static String escape(String text) {
        String cleaned = clean(text);
        StringBuilder sb = new StringBuilder(cleaned.length() + 16);
        for (int i = 0; i < cleaned.length(); i++) {
            char c = cleaned.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * A link {@code <url|text>} when the URL is a plain http(s) URL Slack can carry; otherwise the escaped text
     * followed by the escaped URL.
     */
    public static String link(String url, String text) {
        String label = escape(text).replace("|", "¦");
        if (isLinkable(url)) {
            return "<" + url + "|" + label + ">";
        }
        return label + " " + escape(url);
    }

    /** Whether a string is an http(s) URL with nothing in it that would break a {@code <url|text>} link. */
    public static boolean isLinkable(String url) {
        if (!(url.startsWith("https://") || url.startsWith("http://")) || url.length() > 2_000) {
            return false;
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == '<' || c == '>' || c == '|' || c == '"') {
                return false;
            }
        }
        return true;
    }

    /**
     * Text of at most {@code max} chars: unchanged when it fits, otherwise cut at a safe place and ended with
     * "…". The input should come from {@link #escape}/{@link #link} (no lone surrogates, every {@code <} opens a
     * unit closed by {@code >}).
     *
     * @param max at least 1
     */
    public static String truncate(String text, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1: " + max);
        }
        if (text.length() <= max) {
            return text;
        }
        int end = max - ELLIPSIS.length();
        end = safeCut(text, end);
        return text.substring(0, end) + ELLIPSIS;
    }

    /** The largest cut position ≤ {@code end} that splits no surrogate pair, entity or link. */
    static int safeCut(String text, int end) {
        if (end <= 0) {
            return 0;
        }
        if (Character.isLowSurrogate(text.charAt(end)) && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        // inside <…> when the last '<' before the cut has no '>' between it and the cut
        int open = text.lastIndexOf('<', end - 1);
        if (open >= 0 && text.indexOf('>', open) >= end) {
            end = open;
        }
        // inside an entity (&amp; &lt; &gt;): entities are at most 5 chars
        int amp = text.lastIndexOf('&', end - 1);
        if (amp >= 0 && end - amp < 5 && lettersOnly(text, amp + 1, end)) {
            end = amp;
        }
        return end;
    }

    private static boolean lettersOnly(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
                return false;
            }
        }
        return true;
    }
}
