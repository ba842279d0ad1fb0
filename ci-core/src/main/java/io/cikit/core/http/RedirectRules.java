package io.cikit.core.http;

import io.cikit.core.http.internal.HostGlobs;
import io.cikit.core.http.internal.Redaction;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * Which redirects {@link HttpTransport} follows, where to, and what the next request looks like. Immutable.
 */
final class RedirectRules {
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final HostGlobs allowedHosts;

    RedirectRules(HostGlobs allowedHosts) {
        this.allowedHosts = allowedHosts;
    }

    static boolean isRedirect(int status) {
        return REDIRECTS.contains(status);
    }

    /** 303 always (except for HEAD, handled by the call), 301 and 302 after a POST, as browsers and the JDK do. */
    static boolean becomesGet(int status, String method) {
        return status == 303 || ((status == 301 || status == 302) && method.equals("POST"));
    }

    /** Same scheme, host and port (default ports filled in): only then do credentials follow. */
    static boolean sameOrigin(URI a, URI b) {
        return ApiRoot.sameOrigin(a, b);
    }

    /**
     * The URI a redirect leads to.
     *
     * @param original the call as the caller made it (its host is always allowed)
     * @param current the hop that was answered with the redirect
     * @throws RedirectRefusedException for an unreadable or non-HTTP location, an https-to-http downgrade, or a
     *     host that is neither the original one nor allow-listed
     */
    URI next(HttpCall original, HttpCall current, String location, int status) {
        URI next;
        try {
            next = current.uri().resolve(new URI(location.strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new RedirectRefusedException(current.method() + " " + current.displayUri() + " answered " + status
                    + " with an unreadable Location header", status);
        }
        String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || next.getHost() == null) {
            throw new RedirectRefusedException(current.displayUri() + " redirected to a non-HTTP location", status);
        }
        if (current.uri().getScheme().equalsIgnoreCase("https") && scheme.equals("http")) {
            throw new RedirectRefusedException(current.displayUri() + " redirected from https to plain http ("
                    + Redaction.origin(next) + "); refused", status);
        }
        String host = next.getHost();
        if (!host.equalsIgnoreCase(original.uri().getHost()) && !allowedHosts.matches(host)) {
            throw new RedirectRefusedException(current.displayUri() + " redirected to host " + host
                    + ", which is not allowed; add it with HttpTransport.Builder.allowRedirectHosts", status);
        }
        return next;
    }
}
