package io.cikit.core.result.internal;

import io.cikit.core.result.TestStatus;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One {@code ok}/{@code not ok} line: {@code <ok|not ok> [number] [-] [description] [# [directive] [data]]}.
 *
 * @param number the test number, or -1 when the line has none
 * @param description the name, with TAP 14 escapes ({@code \#}, {@code \\}) undone
 * @param directive SKIP, TODO, XFAIL, TIMEOUT or ERROR; empty when there is none
 * @param reason the text after the directive, or all the text after {@code #} when there is no directive
 * @param data everything after the first unescaped {@code #}
 */
record ResultLine(boolean ok, int number, String description, String directive, String reason, String data) {

    /** Parses a stripped line; null when it only looks like a result line ({@code okay}). */
    static @Nullable ResultLine parse(String t) {
        boolean ok;
        int i;
        if (t.startsWith("not ok")) {
            ok = false;
            i = 6;
        } else if (t.startsWith("ok")) {
            ok = true;
            i = 2;
        } else {
            return null;
        }
        if (i < t.length() && !Character.isWhitespace(t.charAt(i))) {
            return null;
        }
        i = skipSpace(t, i);
        int number = -1;
        int start = i;
        long n = 0;
        while (i < t.length() && Character.isDigit(t.charAt(i)) && i - start < 9) {
            n = n * 10 + (t.charAt(i) - '0');
            i++;
        }
        if (i > start && (i == t.length() || Character.isWhitespace(t.charAt(i)))) {
            number = (int) n;
        } else {
            i = start;
        }
        i = skipSpace(t, i);
        if (i < t.length() && t.charAt(i) == '-' && (i + 1 == t.length() || t.charAt(i + 1) == ' ')) {
            i = skipSpace(t, i + 1);
        }
        StringBuilder desc = new StringBuilder();
        int hash = -1;
        for (int k = i; k < t.length(); k++) {
            char c = t.charAt(k);
            if (c == '\\' && k + 1 < t.length() && (t.charAt(k + 1) == '#' || t.charAt(k + 1) == '\\')) {
                desc.append(t.charAt(++k));
            } else if (c == '#') {
                hash = k;
                break;
            } else {
                desc.append(c);
            }
        }
        String data = hash < 0 ? "" : t.substring(hash + 1).strip();
        String directive = "";
        String reason = data;
        if (!data.isEmpty()) {
            int end = 0;
            while (end < data.length() && Character.isLetter(data.charAt(end))) {
                end++;
            }
            String word = data.substring(0, end).toUpperCase(Locale.ROOT);
            String known = word.startsWith("SKIP") ? "SKIP"
                    : switch (word) {
                        case "TODO", "XFAIL", "TIMEOUT", "ERROR" -> word;
                        default -> "";
                    };
            if (!known.isEmpty()) {
                directive = known;
                reason = data.substring(end).replaceFirst("^[:\\s]+", "").strip();
            }
        }
        return new ResultLine(ok, number, desc.toString().strip(), directive, reason, data);
    }

    TestStatus status() {
        return switch (directive) {
            case "SKIP" -> TestStatus.SKIP;
            // TAP: a failing TODO test is an expected failure, not a failure; a passing one is a pass
            case "TODO" -> ok ? TestStatus.PASS : TestStatus.SKIP;
            case "XFAIL" -> TestStatus.PASS;
            case "TIMEOUT", "ERROR" -> TestStatus.ERROR;
            default -> ok ? TestStatus.PASS : TestStatus.FAIL;
        };
    }

    private static int skipSpace(String t, int i) {
        while (i < t.length() && Character.isWhitespace(t.charAt(i))) {
            i++;
        }
        return i;
    }
}
