package io.cikit.core.git;

import io.cikit.core.config.ConfigurationException;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.jgit.transport.URIish;

/** Checks remote URLs against the allowed schemes and hides credentials embedded in them. */
final class Urls {
    // scheme://user:password@host: the user-info part may be a token
    private static final Pattern USER_INFO = Pattern.compile("(?i)([a-z][a-z0-9+.-]*://)[^/@\\s]+@");

    private Urls() {
    }

    /** The text with every URL's user-info part replaced by {@code ***}. */
    static String redact(String text) {
        return USER_INFO.matcher(text).replaceAll("$1***@");
    }

    /**
     * The URL's scheme, lower-cased: {@code ssh} for scp-like {@code user@host:path}, {@code file} for a plain
     * local path.
     */
    static String scheme(String url) {
        URIish uri = parse(url);
        String scheme = uri.getScheme();
        if (scheme != null) {
            return scheme.toLowerCase(Locale.ROOT);
        }
        return uri.getHost() != null ? "ssh" : "file";
    }

    /** Throws unless the URL parses and its scheme is allowed. */
    static void check(String url, Set<String> allowedSchemes) {
        String scheme = scheme(url);
        if (!allowedSchemes.contains(scheme)) {
            throw new ConfigurationException("git remote " + redact(url) + " uses scheme '" + scheme
                    + "', which is not allowed (allowed: " + String.join(", ", allowedSchemes.stream().sorted().toList())
                    + "; see GitWorkspaces.Builder.allowSchemes)");
        }
    }

    private static URIish parse(String url) {
        try {
            return new URIish(url);
        } catch (URISyntaxException e) {
            throw new ConfigurationException("not a git remote URL: " + redact(url));
        }
    }
}
