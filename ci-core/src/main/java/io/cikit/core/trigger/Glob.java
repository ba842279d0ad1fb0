package io.cikit.core.trigger;

import io.cikit.core.config.ConfigurationException;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A compiled glob for branch names, tag names and repository paths, matched case-sensitively against the whole
 * value.
 *
 * <p>{@code *} and {@code ?} match within one path segment (never {@code /}); {@code **} matches across segments,
 * and {@code **}{@code /} also matches zero directories ({@code **}{@code /README.md} matches {@code README.md},
 * {@code src/**}{@code /x.c} matches {@code src/x.c}); {@code {a,b}} picks one alternative (nesting allowed);
 * {@code [abc]}, {@code [a-z]} and {@code [!abc]} (or {@code [^abc]}) match one character other than {@code /};
 * a backslash makes the next character literal. Everything else is literal.
 *
 * <p>Written here rather than taken from {@code FileSystems.getDefault().getPathMatcher("glob:…")} because that
 * one depends on the platform (separator and case folding on Windows) and its {@code **}{@code /} does not match
 * zero directories; the values matched here come from git, which is the same everywhere.
 *
 * <p>Immutable and thread-safe.
 */
final class Glob {
    private final String pattern;
    private final Pattern regex;

    private Glob(String pattern, Pattern regex) {
        this.pattern = pattern;
        this.regex = regex;
    }

    /**
     * Compiles a glob.
     *
     * @throws ConfigurationException when the glob is empty or malformed (unclosed {@code [} or {@code {}, stray
     *     {@code }}, trailing backslash)
     */
    static Glob compile(String pattern) {
        if (pattern.isEmpty()) {
            throw new ConfigurationException("empty glob: a glob must match something");
        }
        String regex = new Translation(pattern).regex();
        try {
            return new Glob(pattern, Pattern.compile(regex, Pattern.DOTALL));
        } catch (PatternSyntaxException e) {
            // e.g. a reversed range such as [z-a]
            throw new ConfigurationException("malformed glob '" + pattern + "': " + e.getDescription());
        }
    }

    boolean matches(String value) {
        return regex.matcher(value).matches();
    }

    String pattern() {
        return pattern;
    }

    @Override
    public String toString() {
        return pattern;
    }

    /** One pass over the glob, by code point, writing the equivalent regular expression. */
    private static final class Translation {
        private final String glob;
        private final StringBuilder out = new StringBuilder();
        private int pos;
        private int braceDepth;

        Translation(String glob) {
            this.glob = glob;
        }

        String regex() {
            while (pos < glob.length()) {
                int c = glob.codePointAt(pos);
                switch (c) {
                    case '*' -> star();
                    case '?' -> {
                        out.append("[^/]");
                        pos++;
                    }
                    case '[' -> characterClass();
                    case '{' -> {
                        braceDepth++;
                        out.append("(?:");
                        pos++;
                    }
                    case '}' -> {
                        if (braceDepth == 0) {
                            throw malformed("'}' without '{'");
                        }
                        braceDepth--;
                        out.append(')');
                        pos++;
                    }
                    case ',' -> {
                        if (braceDepth > 0) {
                            out.append('|');
                        } else {
                            out.append(escaped(c));
                        }
                        pos++;
                    }
                    case '\\' -> {
                        if (pos + 1 >= glob.length()) {
                            throw malformed("trailing backslash");
                        }
                        int next = glob.codePointAt(pos + 1);
                        out.append(escaped(next));
                        pos += 1 + Character.charCount(next);
                    }
                    default -> {
                        out.append(escaped(c));
                        pos += Character.charCount(c);
                    }
                }
            }
            if (braceDepth > 0) {
                throw malformed("unclosed '{'");
            }
            return out.toString();
        }

        private void star() {
            boolean doubleStar = pos + 1 < glob.length() && glob.charAt(pos + 1) == '*';
            if (!doubleStar) {
                out.append("[^/]*");
                pos++;
                return;
            }
            int end = pos + 2;
            // Runs of "**/**" mean the same as one "**"; collapsing them keeps the regex from backtracking
            // polynomially on long paths.
            while (glob.startsWith("/**", end)) {
                end += 3;
            }
            boolean atSegmentStart = pos == 0 || glob.charAt(pos - 1) == '/';
            boolean slashFollows = end < glob.length() && glob.charAt(end) == '/';
            if (atSegmentStart && slashFollows) {
                out.append("(?:.*/)?");
                pos = end + 1;
            } else {
                out.append(".*");
                pos = end;
            }
        }

        private void characterClass() {
            int start = pos;
            pos++;
            StringBuilder cls = new StringBuilder("[");
            if (pos < glob.length() && (glob.charAt(pos) == '!' || glob.charAt(pos) == '^')) {
                cls.append('^');
                pos++;
            }
            boolean first = true;
            while (pos < glob.length() && (glob.charAt(pos) != ']' || first)) {
                int c = glob.codePointAt(pos);
                if (c == '\\' && pos + 1 < glob.length()) {
                    pos++;
                    c = glob.codePointAt(pos);
                } else if (c == '-' && !first && pos + 1 < glob.length() && glob.charAt(pos + 1) != ']') {
                    cls.append('-');
                    pos++;
                    continue;
                }
                cls.append(escaped(c));
                first = false;
                pos += Character.charCount(c);
            }
            if (pos >= glob.length()) {
                throw malformed("unclosed '[' at index " + start);
            }
            pos++;
            // A class never matches the separator, like '*' and '?'.
            out.append("(?:(?!/)").append(cls).append("])");
        }

        /** ASCII letters and digits as they are; anything else as a code point escape, never a regex operator. */
        private static String escaped(int c) {
            if (c < 128 && Character.isLetterOrDigit(c)) {
                return String.valueOf((char) c);
            }
            return "\\x{" + Integer.toHexString(c) + "}";
        }

        private ConfigurationException malformed(String what) {
            return new ConfigurationException("malformed glob '" + glob + "': " + what);
        }
    }
}
