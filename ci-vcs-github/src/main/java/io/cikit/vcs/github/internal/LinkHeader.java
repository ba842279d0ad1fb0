package io.cikit.vcs.github.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the {@code rel="next"} target of an RFC 8288 {@code Link} header, as GitHub paginates:
 * {@code <https://api.github.com/…?page=2>; rel="next", <…?page=5>; rel="last"}. Never throws: an unreadable header
 * means no next page.
 */
public final class LinkHeader {
    private static final int MAX_LENGTH = 16 * 1024;

    private LinkHeader() {
    }

    /** The {@code next} link among all {@code Link} header values, if one is readable as an absolute URI. */
    public static Optional<URI> next(List<String> values) {
        for (String value : values) {
            if (value.length() > MAX_LENGTH) {
                continue;
            }
            Optional<URI> found = nextIn(value);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<URI> nextIn(String value) {
        int i = 0;
        while (i < value.length()) {
            int open = value.indexOf('<', i);
            if (open < 0) {
                return Optional.empty();
            }
            int close = value.indexOf('>', open);
            if (close < 0) {
                return Optional.empty();
            }
            String target = value.substring(open + 1, close).strip();
            int end = value.indexOf('<', close);
            String params = value.substring(close + 1, end < 0 ? value.length() : end);
            if (hasRelNext(params)) {
                try {
                    URI uri = new URI(target);
                    return uri.isAbsolute() ? Optional.of(uri) : Optional.empty();
                } catch (URISyntaxException e) {
                    return Optional.empty();
                }
            }
            i = end < 0 ? value.length() : end;
        }
        return Optional.empty();
    }

    private static boolean hasRelNext(String params) {
        for (String param : params.split(";")) {
            String p = param.strip();
            int eq = p.indexOf('=');
            if (eq < 0) {
                continue;
            }
            if (!p.substring(0, eq).strip().equalsIgnoreCase("rel")) {
                continue;
            }
            String rel = p.substring(eq + 1).strip().replace("\"", "").replaceAll(",$", "").toLowerCase(Locale.ROOT);
            for (String r : rel.split("\\s+")) {
                if (r.equals("next")) {
                    return true;
                }
            }
        }
        return false;
    }
}
