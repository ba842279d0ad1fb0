package io.cikit.core.http;

import io.cikit.core.DeliveryException;
import io.cikit.core.config.ConfigKey;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The root URL of a remote API that a client sends its credentials to (a Jenkins, GitHub's or GitLab's API): checked
 * once, kept ending in {@code /}, and the one place that decides whether another URL shares its origin (scheme, host
 * and port, default ports filled in). Clients ask {@link #requireSameOrigin} before a URL they were handed (an
 * artifact link, a URL a server announced) gets their credentials.
 *
 * <p>Immutable and thread-safe. A root is an absolute {@code http}/{@code https} URL with a host and no user info,
 * query or fragment; anything else is refused with {@link IllegalArgumentException}.
 */
public final class ApiRoot {
    private final URI uri;

    private ApiRoot(URI uri) {
        this.uri = uri;
    }

    /**
     * A root from a URL, with a {@code /} added when missing.
     *
     * @param what how messages name the URL ({@code Jenkins URL}, {@code GitHub API URL})
     * @throws IllegalArgumentException when the URL is not absolute http(s) with a host, or has user info, a query or
     *     a fragment
     */
    public static ApiRoot of(String what, URI url) {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new IllegalArgumentException("the " + what + " must be an absolute http(s) URL: " + url);
        }
        if (url.getRawUserInfo() != null) {
            // credentials belong in their own (secret) settings; never echo them
            throw new IllegalArgumentException("the " + what + " must not carry a user or password: " + hostPart(url));
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException("the " + what + " must not have a query or fragment: " + url);
        }
        String text = url.toString();
        return new ApiRoot(URI.create(text.endsWith("/") ? text : text + "/"));
    }

    /**
     * A configuration key whose value is such a root; a value that is not one is reported by
     * {@link io.cikit.core.config.ProviderConfig#validate} with the other problems.
     */
    public static ConfigKey<ApiRoot> configKey(String name, String what) {
        Objects.requireNonNull(what, "what");
        return ConfigKey.of(name, "an absolute http(s) URL without user info, query or fragment",
                text -> of(what, URI.create(text)));
    }

    /** The root, ending in {@code /}. */
    public URI uri() {
        return uri;
    }

    /** A URL below the root: {@code resolve("queue/item/7/")}. */
    public URI resolve(String relative) {
        return uri.resolve(Objects.requireNonNull(relative, "relative"));
    }

    /** {@code scheme://host[:port]}, for messages. */
    public String origin() {
        return hostPart(uri);
    }

    /** Whether {@code other} is an absolute URL on this root's origin. */
    public boolean isSameOrigin(URI other) {
        return sameOrigin(uri, Objects.requireNonNull(other, "other"));
    }

    /**
     * {@code url} itself when it is on this root's origin.
     *
     * @param request what the URL is for, for the message ({@code artifact Image.gz})
     * @throws DeliveryException (not retryable) when it is not: the credentials for this root never go elsewhere
     */
    public URI requireSameOrigin(URI url, String request) {
        Objects.requireNonNull(request, "request");
        if (!isSameOrigin(url)) {
            String elsewhere = url.getScheme() == null || url.getHost() == null ? "a relative URL" : hostPart(url) + "/…";
            throw new DeliveryException("refusing to send the credentials for " + origin() + " to " + elsewhere
                    + ": " + request + " is not on that origin", false);
        }
        return url;
    }

    /** Same scheme, host and port (default ports filled in); false when either URL is relative. */
    public static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && b.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && b.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static String hostPart(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() >= 0 ? ":" + url.getPort() : "");
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ApiRoot other && other.uri.equals(uri);
    }

    @Override
    public int hashCode() {
        return uri.hashCode();
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
