package io.cikit.core.webhook;

import io.cikit.core.http.Headers;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One incoming webhook delivery exactly as received: case-insensitive headers, the raw body bytes (signatures are
 * computed over these, never over re-encoded text) and optionally the path it was posted to.
 *
 * <p>The request takes ownership of {@code body}: the array is not copied, so callers must not change it afterwards.
 */
public record WebhookRequest(Headers headers, byte[] body, Optional<String> path) {
    // lower-case: the look-up Headers makes without lower-casing
    private static final String CONTENT_TYPE = "content-type";

    public WebhookRequest {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(path, "path");
    }

    public static WebhookRequest of(Headers headers, byte[] body) {
        return new WebhookRequest(headers, body, Optional.empty());
    }

    public static WebhookRequest of(Headers headers, String body) {
        return new WebhookRequest(headers, body.getBytes(StandardCharsets.UTF_8), Optional.empty());
    }

    /** The first value of a header, case-insensitively (cheapest with a lower-case name: see {@link Headers}). */
    public Optional<String> header(String name) {
        return headers.first(name);
    }

    /** The media type of the body without parameters, lower-cased; empty when no Content-Type was sent. */
    public Optional<String> mediaType() {
        return header(CONTENT_TYPE).map(v -> {
            int semi = v.indexOf(';');
            return (semi < 0 ? v : v.substring(0, semi)).trim().toLowerCase(java.util.Locale.ROOT);
        });
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WebhookRequest other && headers.equals(other.headers) && Arrays.equals(body, other.body)
                && path.equals(other.path);
    }

    @Override
    public int hashCode() {
        return Objects.hash(headers, Arrays.hashCode(body), path);
    }

    @Override
    public String toString() {
        return "WebhookRequest[" + headers + ", " + body.length + " bytes" + path.map(p -> ", path=" + p).orElse("") + "]";
    }
}
