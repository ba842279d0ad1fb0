package io.cikit.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.cikit.core.http.internal.RateLimits;
import io.cikit.core.http.internal.Redaction;
import io.cikit.core.http.internal.RetryAfter;
import io.cikit.core.json.Json;
import io.cikit.core.json.MalformedJsonException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a server answered: status, headers, the whole body (bounded by the transport's {@code maxReplyBytes}) and
 * the URI that answered (after redirects). Any status is a reply; {@link #requireSuccess()} turns non-2xx into an
 * {@link HttpStatusException} when the caller wants that.
 *
 * <p>Immutable and thread-safe: the body is copied in and out.
 */
public final class HttpReply {
    /** Longest body excerpt put into an {@link HttpStatusException}. */
    static final int SNIPPET_CHARS = 300;

    private final int status;
    private final Headers headers;
    private final byte[] body;
    private final URI uri;
    private final boolean secretUri;

    public HttpReply(int status, Headers headers, byte[] body, URI uri) {
        this(status, headers, body, uri, false);
    }

    HttpReply(int status, Headers headers, byte[] body, URI uri, boolean secretUri) {
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        this.status = status;
        this.headers = Objects.requireNonNull(headers, "headers");
        this.body = Objects.requireNonNull(body, "body").clone();
        this.uri = Objects.requireNonNull(uri, "uri");
        this.secretUri = secretUri;
    }

    public int status() {
        return status;
    }

    public Headers headers() {
        return headers;
    }

    /** A copy of the body bytes; empty, never absent, when there was none. */
    public byte[] body() {
        return body.clone();
    }

    /** The URI that gave this reply (the last hop of any redirects). */
    public URI uri() {
        return uri;
    }

    /** The first value of a header. */
    public Optional<String> header(String name) {
        return headers.first(name);
    }

    /** The body as text, in the {@code Content-Type} charset (UTF-8 when absent or unknown). */
    public String text() {
        return new String(body, charset());
    }

    /**
     * The body as a JSON tree, read with {@link Json#read(byte[])} and its default limits.
     *
     * @throws MalformedJsonException when the body is empty, not JSON, or beyond the limits
     */
    public JsonNode json() {
        return Json.read(body);
    }

    /** 2xx. */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /**
     * This reply if it is a success.
     *
     * @throws HttpStatusException for any other status, {@code retryable()} for 5xx, 408, 429 and a 403 that is a
     *     rate-limit rejection
     */
    public HttpReply requireSuccess() {
        if (isSuccess()) {
            return this;
        }
        boolean retryable = status >= 500 || status == 408 || RateLimits.isRateLimited(status, headers, body);
        String shown = secretUri ? Redaction.originOnly(uri) : Redaction.uri(uri);
        throw new HttpStatusException(status, snippet(), retryable, shown);
    }

    /** The wait asked for by {@code Retry-After} (delta seconds or an HTTP-date, measured from now), if readable. */
    public Optional<Duration> retryAfter() {
        return headers.first("Retry-After").flatMap(v -> RetryAfter.parse(v, Instant.now()));
    }

    /** Up to {@value #SNIPPET_CHARS} characters of the body on one line, for messages. */
    String snippet() {
        String text = text();
        String oneLine = text.length() > SNIPPET_CHARS ? text.substring(0, SNIPPET_CHARS) + "…" : text;
        return oneLine.replaceAll("[\\p{Cntrl}&&[^\t]]+", " ").strip();
    }

    private Charset charset() {
        Optional<String> type = headers.first("Content-Type");
        if (type.isEmpty()) {
            return StandardCharsets.UTF_8;
        }
        for (String param : type.get().split(";")) {
            String p = param.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                String name = p.substring("charset=".length()).replace("\"", "").strip();
                try {
                    return Charset.forName(name);
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof HttpReply other
                && status == other.status
                && headers.equals(other.headers)
                && Arrays.equals(body, other.body)
                && uri.equals(other.uri);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, headers, Arrays.hashCode(body), uri);
    }

    /** Status, redacted URI and body size; never the body or header values. */
    @Override
    public String toString() {
        return "HttpReply[" + status + " from " + (secretUri ? Redaction.originOnly(uri) : Redaction.uri(uri))
                + ", " + body.length + " bytes]";
    }
}
