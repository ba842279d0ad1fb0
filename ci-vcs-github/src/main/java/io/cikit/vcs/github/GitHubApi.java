package io.cikit.vcs.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.cikit.core.DeliveryException;
import io.cikit.core.http.HttpCall;
import io.cikit.core.http.HttpReply;
import io.cikit.core.http.HttpStatusException;
import io.cikit.core.http.HttpTransport;
import io.cikit.core.json.Json;
import io.cikit.core.json.MalformedJsonException;
import io.cikit.vcs.github.internal.LinkHeader;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * GitHub's REST conventions over {@link HttpTransport}: the base URL (github.com or an Enterprise Server
 * {@code /api/v3}), media type and API version headers, bearer credentials (renewed once on a 401), error replies as
 * {@link GitHubApiException}s, and {@code Link}-header pagination that never leaves the API's origin.
 *
 * <p>Thread-safe. Rate-limit waits happen inside the transport; a rate-limit reply it gave up on becomes a
 * {@link GitHubRateLimitException}.
 */
final class GitHubApi {
    static final String JSON_MEDIA = "application/vnd.github+json";
    static final String DIFF_MEDIA = "application/vnd.github.diff";
    static final String API_VERSION = "2022-11-28";
    private static final int MAX_MESSAGE_CHARS = 300;

    private final URI base;
    private final HttpTransport http;
    private final Clock clock;

    GitHubApi(URI base, HttpTransport http, Clock clock) {
        this.base = checkedBase(base);
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    URI base() {
        return base;
    }

    Clock clock() {
        return clock;
    }

    /** A URI under the API root; {@code path} is relative and already encoded. */
    URI uri(String path) {
        return URI.create(base + path);
    }

    /**
     * Sends one call and returns its 2xx reply.
     *
     * @param body a JSON body (maps, records, trees), or null for none
     * @throws GitHubApiException for an error reply ({@link GitHubRateLimitException} for a rate limit)
     */
    HttpReply send(String method, URI uri, @Nullable Object body, String accept, String operation,
                   Credentials credentials) {
        for (int attempt = 1; ; attempt++) {
            HttpCall.Builder call = HttpCall.method(method, uri)
                    .header("Accept", accept)
                    .header("X-GitHub-Api-Version", API_VERSION)
                    .bearer(credentials.token())
                    .operation(operation);
            if (body != null) {
                call.json(body);
            }
            HttpReply reply = http.send(call.build());
            // an installation token may be revoked before its expiry: fetch a new one once
            if (reply.status() == 401 && attempt == 1 && credentials.renew()) {
                continue;
            }
            if (!reply.isSuccess()) {
                throw error(operation, reply);
            }
            return reply;
        }
    }

    /** Sends a call and reads its reply as JSON. */
    JsonNode json(String method, URI uri, @Nullable Object body, String operation, Credentials credentials) {
        return read(send(method, uri, body, JSON_MEDIA, operation, credentials), operation);
    }

    /**
     * Fetches {@code first} and the pages its {@code Link: rel="next"} headers lead to, handing each page's JSON to
     * {@code page} until it returns false, {@code maxPages} pages were read, or there is no next page.
     *
     * @return true when the last page was reached (nothing was left unread)
     */
    boolean pages(URI first, String operation, Credentials credentials, int maxPages, Predicate<JsonNode> page) {
        URI next = first;
        for (int read = 0; read < maxPages; read++) {
            HttpReply reply = send("GET", next, null, JSON_MEDIA, operation, credentials);
            boolean goOn = page.test(read(reply, operation));
            Optional<URI> link = LinkHeader.next(reply.headers().all("Link"));
            if (link.isEmpty()) {
                return true;
            }
            if (!goOn) {
                return false;
            }
            next = sameOrigin(link.get(), operation);
        }
        return false;
    }

    private URI sameOrigin(URI link, String operation) {
        boolean same = Objects.equals(link.getScheme(), base.getScheme())
                && base.getHost().equalsIgnoreCase(String.valueOf(link.getHost()))
                && port(link) == port(base);
        if (!same) {
            // following it would send the token to another host
            throw new DeliveryException("GitHub " + operation + ": a pagination link leads away from " + base.getHost()
                    + "; not followed", false);
        }
        return link;
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
    }

    private static JsonNode read(HttpReply reply, String operation) {
        try {
            return reply.json();
        } catch (MalformedJsonException e) {
            throw new DeliveryException("GitHub " + operation + " answered " + reply.status()
                    + " with a body that is not JSON", false, e);
        }
    }

    private GitHubApiException error(String operation, HttpReply reply) {
        String message = message(reply);
        boolean retryable;
        try {
            reply.requireSuccess();
            retryable = false;
        } catch (HttpStatusException e) {
            retryable = e.retryable();
        }
        int status = reply.status();
        if (retryable && (status == 403 || status == 429)) {
            return new GitHubRateLimitException(operation, status, message, retryAt(reply));
        }
        return new GitHubApiException(operation, status, message, retryable);
    }

    private Optional<Instant> retryAt(HttpReply reply) {
        Instant now = clock.instant();
        Optional<Instant> told = reply.retryAfter().map(now::plus);
        if (told.isPresent()) {
            return told;
        }
        boolean exhausted = reply.header("x-ratelimit-remaining").map(String::strip).filter("0"::equals).isPresent();
        if (!exhausted) {
            return Optional.empty();
        }
        return reply.header("x-ratelimit-reset").map(String::strip).filter(v -> v.matches("\\d{1,12}"))
                .map(v -> Instant.ofEpochSecond(Long.parseLong(v)));
    }

    /** GitHub's {@code message} (plus the first validation error), or the start of a non-JSON body, on one line. */
    private static String message(HttpReply reply) {
        String text;
        try {
            JsonNode json = reply.json();
            text = Json.text(json, "message").orElse("");
            JsonNode errors = Json.at(json, "errors");
            if (errors.isArray() && !errors.isEmpty()) {
                JsonNode first = errors.get(0);
                String detail = first.isTextual() ? first.asText()
                        : Json.text(first, "message").or(() -> Json.text(first, "code")).orElse("");
                if (!detail.isEmpty()) {
                    text = text + " (" + detail + ")";
                }
            }
        } catch (MalformedJsonException e) {
            text = reply.text();
        }
        String oneLine = text.replaceAll("[\\p{Cntrl}]+", " ").strip();
        return oneLine.length() > MAX_MESSAGE_CHARS ? oneLine.substring(0, MAX_MESSAGE_CHARS) + "…" : oneLine;
    }

    /** The API root with a trailing slash. @throws IllegalArgumentException unless absolute http(s) without query */
    static URI checkedBase(URI uri) {
        Objects.requireNonNull(uri, "uri");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null
                || uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("a GitHub API URL is an absolute http(s) URL without query: " + uri);
        }
        String s = uri.toString();
        return s.endsWith("/") ? uri : URI.create(s + "/");
    }
}
