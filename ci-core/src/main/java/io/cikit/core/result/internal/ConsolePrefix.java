package io.cikit.core.result.internal;

import java.nio.charset.StandardCharsets;

/**
 * Strips what a kernel console puts in front of a message: a syslog level ({@code <6>}), a printk timestamp
 * ({@code [  123.456789]}) and a caller id ({@code [ T123]}, {@code [ C3]}), each followed by at most one space.
 * Indentation after them is kept, because KTAP nesting and stack frames depend on it. The grammar is written once,
 * over bytes (the console scanner's hot path); text is looked at through its ASCII head.
 */
public final class ConsolePrefix {
    /** No console prefix is longer than this. */
    private static final int MAX_PREFIX = 48;

    private ConsolePrefix() {
    }

    /** The line with its console prefixes removed; the line itself when it has none. */
    public static String strip(String line) {
        int i = end(line);
        return i == 0 ? line : line.substring(i);
    }

    /** The index where the message starts, after any console prefixes. */
    public static int end(String s) {
        if (s.isEmpty() || (s.charAt(0) != '[' && s.charAt(0) != '<')) {
            return 0;
        }
        // prefixes are ASCII, so their characters and bytes line up one to one; anything else ends them
        byte[] head = s.substring(0, Math.min(s.length(), MAX_PREFIX)).getBytes(StandardCharsets.ISO_8859_1);
        return end(head, 0, head.length);
    }

    /** The offset from {@code from} where the message starts in {@code b[from, to)}. */
    public static int end(byte[] b, int from, int to) {
        int i = from;
        if (i + 2 < to && b[i] == '<') {
            int j = i + 1;
            while (j < to && j < i + 4 && isDigit(b[j])) {
                j++;
            }
            if (j > i + 1 && j < to && b[j] == '>') {
                i = j + 1;
            }
        }
        int t = timestamp(b, i, to);
        if (t > i) {
            i = spaceAfter(b, t, to);
        }
        int c = caller(b, i, to);
        if (c > i) {
            i = spaceAfter(b, c, to);
        }
        return i - from;
    }

    // "[" spaces digits "." digits "]"
    private static int timestamp(byte[] b, int from, int to) {
        if (from >= to || b[from] != '[') {
            return from;
        }
        int i = skipSpaces(b, from + 1, to);
        int digits = 0;
        while (i < to && isDigit(b[i]) && digits < 12) {
            i++;
            digits++;
        }
        if (digits == 0 || i >= to || b[i] != '.') {
            return from;
        }
        i++;
        int frac = 0;
        while (i < to && isDigit(b[i]) && frac < 9) {
            i++;
            frac++;
        }
        return frac > 0 && i < to && b[i] == ']' ? i + 1 : from;
    }

    // "[" spaces ("T"|"C") digits "]"
    private static int caller(byte[] b, int from, int to) {
        if (from >= to || b[from] != '[') {
            return from;
        }
        int i = skipSpaces(b, from + 1, to);
        if (i >= to || (b[i] != 'T' && b[i] != 'C')) {
            return from;
        }
        i++;
        int digits = 0;
        while (i < to && isDigit(b[i]) && digits < 10) {
            i++;
            digits++;
        }
        return digits > 0 && i < to && b[i] == ']' ? i + 1 : from;
    }

    private static int skipSpaces(byte[] b, int i, int to) {
        while (i < to && b[i] == ' ') {
            i++;
        }
        return i;
    }

    private static int spaceAfter(byte[] b, int i, int to) {
        return i < to && b[i] == ' ' ? i + 1 : i;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }
}
