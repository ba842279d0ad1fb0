package io.cikit.core.http.internal;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * What of a request may be shown in logs, metrics and exception messages. Values of sensitive headers and query
 * parameters are masked; user info and fragments are dropped; a URI that is itself a credential shows only its
 * origin.
 */
public final class Redaction {
    /** Replaces every hidden value. */
    public static final String MASK = "REDACTED";

    /** A header or query-parameter name containing any of these (case-insensitively) carries a secret. */
    private static final List<String> SENSITIVE_PARTS = List.of(
            "auth", "token", "secret", "key", "password", "passwd", "sig", "cookie", "credential", "session");

    private Redaction() {
    }

    /** Whether a header or query-parameter name marks its value as secret ({@code Authorization}, {@code PRIVATE-TOKEN}, {@code sig}…). */
    public static boolean isSensitiveName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String part : SENSITIVE_PARTS) {
            if (lower.contains(part)) {
                return true;
            }
        }
        return false;
    }

    /** A header value as it may be logged. */
    public static String headerValue(String name, String value) {
        return isSensitiveName(name) ? MASK : value;
    }

    /** Headers as they may be logged: {@code [Accept: application/json, Authorization: REDACTED]}. */
    public static String headers(Map<String, List<String>> headers) {
        StringJoiner out = new StringJoiner(", ", "[", "]");
        headers.forEach((name, values) -> values.forEach(v -> out.add(name + ": " + headerValue(name, v))));
        return out.toString();
    }

    /** {@code scheme://host[:port]/path?a=1&token=REDACTED}: no user info, no fragment, sensitive values masked. */
    public static String uri(URI uri) {
        StringBuilder out = new StringBuilder(origin(uri));
        String path = uri.getRawPath();
        out.append(path == null ? "" : path);
        String query = uri.getRawQuery();
        if (query != null && !query.isEmpty()) {
            out.append('?').append(query(query));
        }
        return out.toString();
    }

    /** {@code scheme://host[:port]/…}: for a URI that is itself a credential (a Slack or Teams webhook URL). */
    public static String originOnly(URI uri) {
        return origin(uri) + "/" + MASK;
    }

    /** {@code scheme://host[:port]}. */
    public static String origin(URI uri) {
        StringBuilder out = new StringBuilder();
        if (uri.getScheme() != null) {
            out.append(uri.getScheme()).append("://");
        }
        out.append(uri.getHost() == null ? "?" : uri.getHost());
        if (uri.getPort() >= 0) {
            out.append(':').append(uri.getPort());
        }
        return out.toString();
    }

    static String query(String rawQuery) {
        StringJoiner joined = new StringJoiner("&");
        for (String pair : rawQuery.split("&", -1)) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                joined.add(isSensitiveName(pair) ? MASK : pair);
            } else {
                String name = pair.substring(0, eq);
                joined.add(isSensitiveName(name) ? name + "=" + MASK : pair);
            }
        }
        return joined.toString();
    }
}
