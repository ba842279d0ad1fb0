package io.cikit.vcs.github.internal;

import io.cikit.core.event.Repository;
import java.nio.charset.StandardCharsets;

/**
 * Builds GitHub REST paths with every caller-given piece percent-encoded, so an owner, branch or sha can never add a
 * path segment, a query or a fragment of its own.
 */
public final class ApiPaths {
    private static final String HEX = "0123456789ABCDEF";

    private ApiPaths() {
    }

    /**
     * {@code repos/<owner>/<name>} for a GitHub repository ({@code owner/name}).
     *
     * @throws IllegalArgumentException when the full name is not exactly {@code owner/name}
     */
    public static String repo(Repository repo) {
        String full = repo.fullName().strip();
        int slash = full.indexOf('/');
        if (slash <= 0 || slash == full.length() - 1 || full.indexOf('/', slash + 1) >= 0) {
            throw new IllegalArgumentException("a GitHub repository is named owner/name, got '" + repo.fullName() + "'");
        }
        return "repos/" + segment(full.substring(0, slash)) + "/" + segment(full.substring(slash + 1));
    }

    /** One path segment: everything but RFC 3986 unreserved characters is percent-encoded, {@code /} included. */
    public static String segment(String raw) {
        if (raw.equals(".") || raw.equals("..")) {
            // a dot segment would walk up the path
            return raw.replace(".", "%2E");
        }
        return encode(raw, false);
    }

    /**
     * A git ref or sha inside a path ({@code compare/main...feature/x}): like {@link #segment} but {@code /} stays,
     * as GitHub expects branch names with slashes there.
     *
     * @throws IllegalArgumentException for a blank ref or one containing {@code ..} (not a valid git ref)
     */
    public static String ref(String raw) {
        if (raw.isBlank() || raw.contains("..")) {
            throw new IllegalArgumentException("not a git ref or sha: '" + raw + "'");
        }
        return encode(raw, true);
    }

    private static String encode(String raw, boolean keepSlash) {
        StringBuilder out = new StringBuilder(raw.length() + 8);
        for (byte b : raw.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || (keepSlash && c == '/');
            if (unreserved) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xf));
            }
        }
        return out.toString();
    }
}
