package io.cikit.core.http;

import io.cikit.core.DeliveryException;

/**
 * A redirect was not followed: it pointed to a host that is neither the original one nor allow-listed
 * ({@link HttpTransport.Builder#allowRedirectHosts}), downgraded {@code https} to {@code http}, had an unreadable
 * {@code Location}, or the chain was longer than {@value HttpTransport#MAX_REDIRECTS} hops. Not retryable: the
 * same request would be redirected the same way.
 */
public final class RedirectRefusedException extends DeliveryException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public RedirectRefusedException(String message, int status) {
        super(message, false);
        this.status = status;
    }

    /** The 3xx status of the redirect that was refused. */
    public int status() {
        return status;
    }
}
