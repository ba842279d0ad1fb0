package io.cikit.notify.email;

import io.cikit.core.notify.Notification;
import io.cikit.core.notify.Severity;
import java.util.LinkedHashMap;
import java.util.Map;

/** The subject, plain-text and HTML bodies of a notification mail; every value HTML-escaped. Stateless. */
final class EmailContent {
    static final int MAX_SUBJECT = 200;

    private EmailContent() {
    }

    static String subject(Notification n) {
        return cut("[" + n.severity() + "] " + oneLine(n.title()), MAX_SUBJECT);
    }

    static String plain(Notification n) {
        StringBuilder sb = new StringBuilder();
        sb.append('[').append(n.severity()).append("] ").append(clean(n.title())).append("\n\n");
        if (!n.message().isBlank()) {
            sb.append(clean(n.message())).append("\n\n");
        }
        facts(n).forEach((k, v) -> sb.append(oneLine(k)).append(": ").append(clean(v)).append('\n'));
        return sb.toString();
    }

    static String html(Notification n) {
        String colour = colour(n.severity());
        StringBuilder sb = new StringBuilder(1024);
        sb.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").append(escape(subject(n)))
                .append("</title></head>\n<body style=\"font-family:sans-serif\">\n")
                .append("<div style=\"border-left:6px solid ").append(colour).append(";padding:8px 12px\">\n")
                .append("<p style=\"margin:0;color:").append(colour).append(";font-weight:bold\">")
                .append(n.severity()).append("</p>\n<h2 style=\"margin:4px 0 12px 0\">").append(escape(n.title()))
                .append("</h2>\n");
        if (!n.message().isBlank()) {
            sb.append("<pre style=\"white-space:pre-wrap;font-family:monospace\">").append(escape(n.message())).append("</pre>\n");
        }
        Map<String, String> facts = facts(n);
        if (!facts.isEmpty()) {
            sb.append("<table style=\"border-collapse:collapse\">\n");
            facts.forEach((k, v) -> sb.append("<tr><th style=\"text-align:left;padding:2px 12px 2px 0\">").append(escape(k))
                    .append("</th><td style=\"padding:2px 0\">").append(escape(v)).append("</td></tr>\n"));
            sb.append("</table>\n");
        }
        sb.append("</div>\n</body></html>\n");
        return sb.toString();
    }

    private static Map<String, String> facts(Notification n) {
        Map<String, String> facts = new LinkedHashMap<>(n.metadata());
        n.testId().ifPresent(t -> facts.putIfAbsent("test", t));
        n.failureId().ifPresent(t -> facts.putIfAbsent("failure", t));
        facts.putIfAbsent("time", n.timestamp().toString());
        return facts;
    }

    /** Severity colour of the HTML part. */
    static String colour(Severity s) {
        return switch (s) {
            case INFO -> "#2e86de";
            case WARNING -> "#f0ad4e";
            case ERROR -> "#d9534f";
            case CRITICAL -> "#8b0000";
        };
    }

    static String escape(String text) {
        String cleaned = clean(text);
        StringBuilder sb = new StringBuilder(cleaned.length() + 16);
        for (int i = 0; i < cleaned.length(); i++) {
            char c = cleaned.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Lone surrogates to U+FFFD, control characters other than newline and tab to a space, CRLF to LF. */
    static String clean(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                sb.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                sb.append('\uFFFD');
            } else if (c == '\r') {
                continue;
            } else if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
                sb.append(' ');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** {@link #clean} on one line (header-safe). */
    static String oneLine(String text) {
        return clean(text).replace('\n', ' ').replace('\t', ' ');
    }

    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
