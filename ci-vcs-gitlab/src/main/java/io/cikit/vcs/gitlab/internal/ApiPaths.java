package io.cikit.vcs.gitlab.internal;

import io.cikit.core.http.ApiRoot;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Builds GitLab API v4 URIs. Projects are named by numeric id or by full path ({@code group/sub/project}), which goes
 * into one path segment with its slashes encoded ({@code group%2Fsub%2Fproject}), as the API requires.
 */
public final class ApiPaths {
    private static final String API_SUFFIX = "/api/v4";

    private ApiPaths() {
    }

    /**
     * The API root for an instance URL: {@code https://gitlab.com} → {@code https://gitlab.com/api/v4}; a URL that
     * already ends in {@code /api/v4}, or has a relative root ({@code https://host/gitlab}), is kept as given.
     *
     * @throws IllegalArgumentException when the URL is not absolute http(s), or carries user info, a query or a
     *     fragment
     */
    public static URI apiRoot(URI instance) {
        String text = ApiRoot.of("GitLab base URL", instance).uri().toString().replaceAll("/+$", "");
        return URI.create(text.endsWith(API_SUFFIX) ? text : text + API_SUFFIX);
    }

    /** {@code <api>/projects/<encoded project><rest>}; {@code rest} must already be encoded. */
    public static URI project(URI api, String project, String rest) {
        if (project.isBlank()) {
            throw new IllegalArgumentException("project must be a numeric id or a full path");
        }
        return URI.create(api + "/projects/" + segment(project.trim()) + rest);
    }

    /** Percent-encodes everything but RFC 3986 unreserved characters, so the value stays one path segment or query value. */
    public static String segment(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
