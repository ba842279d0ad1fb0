package io.cikit.core.report.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Escaping for Markdown and HTML, and number formatting, shared by every renderer. Stateless. */
public final class Text {
    private static final char ZERO_WIDTH_SPACE = '\u200B';

    private Text() {
    }

    /** One line: control characters and line breaks become spaces. */
    public static String oneLine(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? ' ' : c);
        }
        return sb.toString();
    }

    /**
     * Markdown inline text that renders literally: punctuation with meaning is backslash-escaped, {@code @} mentions
     * are broken with a zero-width space (a test name must never notify someone), and it stays on one line, so it
     * is safe inside a table cell.
     */
    public static String markdown(String s) {
        String line = oneLine(s);
        StringBuilder sb = new StringBuilder(line.length() + 8);
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if ("\\`*_[]<>#!|~&".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
            if (c == '@') {
                sb.append(ZERO_WIDTH_SPACE);
            }
        }
        return sb.toString();
    }

    /**
     * A Markdown code span holding {@code s} literally: fenced by more backticks than any run inside it, pipes
     * escaped for tables, one line.
     */
    public static String code(String s) {
        String line = oneLine(s).replace("|", "\\|");
        int longest = 0;
        int run = 0;
        for (int i = 0; i < line.length(); i++) {
            run = line.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        boolean pad = line.startsWith("`") || line.endsWith("`") || line.isEmpty();
        return fence + (pad ? " " : "") + line + (pad ? " " : "") + fence;
    }

    /** HTML text and attribute values: {@code & < > " '} escaped; control characters dropped. */
    public static String html(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    if (!Character.isISOControl(c) || c == '\n' || c == '\t') {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** Only characters that cannot break a Mermaid string or its code fence. */
    public static String mermaid(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(Character.isLetterOrDigit(c) || " .,:;_-+/()%#=".indexOf(c) >= 0 ? c : ' ');
        }
        return sb.toString().strip();
    }

    /** A number for people: four significant digits, no exponent between 0.001 and 10^9. */
    public static String number(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v == 0 ? "0" : Double.toString(v);
        }
        double a = Math.abs(v);
        if (a < 1e-3 || a >= 1e9) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** A number for charts: six significant digits, plain notation (no exponent), bounded length. */
    public static String plain(double v) {
        if (!Double.isFinite(v)) {
            return "0";
        }
        if (Math.abs(v) < 1e-12) {
            return "0";
        }
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /** A signed percentage with one decimal: {@code +11.5%}. */
    public static String percent(double v) {
        return String.format(Locale.ROOT, "%+.1f%%", v);
    }

    /** Confidence from a p-value, rounded down so it never claims more than it has: {@code 99.9%}, {@code >99.9%}. */
    public static String confidence(double p) {
        if (p < 0.001) {
            return ">99.9%";
        }
        double c = Math.floor((1 - p) * 1000) / 10;
        return String.format(Locale.ROOT, "%.1f%%", c);
    }

    /** {@code n word} or {@code n words}. */
    public static String count(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }
}
