package io.cikit.core.result.internal;

/**
 * Strips what a kernel console puts in front of a message: a syslog level ({@code <6>}), a printk timestamp
 * ({@code [  123.456789]}) and a caller id ({@code [ T123]}, {@code [ C3]}), each followed by at most one space.
 * Indentation after them is kept, because KTAP nesting and stack frames depend on it.
 */
public final class ConsolePrefix {
    private ConsolePrefix() {
    }

    /** The line with its console prefixes removed; the line itself when it has none. */
    public static String strip(String line) {
        int i = end(line);
        return i == 0 ? line : line.substring(i);
    }

    /** The index where the message starts, after any console prefixes. */
    public static int end(CharSequence s) {
        int i = 0;
        int n = s.length();
        if (n > 2 && s.charAt(0) == '<') {
            int j = 1;
            while (j < n && j < 4 && Character.isDigit(s.charAt(j))) {
                j++;
            }
            if (j > 1 && j < n && s.charAt(j) == '>') {
                i = j + 1;
            }
        }
        int t = timestamp(s, i);
        if (t > i) {
            i = spaceAfter(s, t);
        }
        int c = caller(s, i);
        if (c > i) {
            i = spaceAfter(s, c);
        }
        return i;
    }

    // "[" spaces digits "." digits "]"
    private static int timestamp(CharSequence s, int from) {
        int n = s.length();
        if (from >= n || s.charAt(from) != '[') {
            return from;
        }
        int i = from + 1;
        while (i < n && s.charAt(i) == ' ') {
            i++;
        }
        int digits = 0;
        while (i < n && Character.isDigit(s.charAt(i)) && digits < 12) {
            i++;
            digits++;
        }
        if (digits == 0 || i >= n || s.charAt(i) != '.') {
            return from;
        }
        i++;
        int frac = 0;
        while (i < n && Character.isDigit(s.charAt(i)) && frac < 9) {
            i++;
            frac++;
        }
        if (frac == 0 || i >= n || s.charAt(i) != ']') {
            return from;
        }
        return i + 1;
    }

    // "[" spaces ("T"|"C") digits "]"
    private static int caller(CharSequence s, int from) {
        int n = s.length();
        if (from >= n || s.charAt(from) != '[') {
            return from;
        }
        int i = from + 1;
        while (i < n && s.charAt(i) == ' ') {
            i++;
        }
        if (i >= n || (s.charAt(i) != 'T' && s.charAt(i) != 'C')) {
            return from;
        }
        i++;
        int digits = 0;
        while (i < n && Character.isDigit(s.charAt(i)) && digits < 10) {
            i++;
            digits++;
        }
        if (digits == 0 || i >= n || s.charAt(i) != ']') {
            return from;
        }
        return i + 1;
    }

    private static int spaceAfter(CharSequence s, int i) {
        return i < s.length() && s.charAt(i) == ' ' ? i + 1 : i;
    }
}
