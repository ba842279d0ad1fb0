package io.cikit.core.http;

import io.cikit.core.config.Durations;
import io.cikit.core.config.Secret;
import io.cikit.core.http.internal.Redaction;
import io.cikit.core.json.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request to make through {@link HttpTransport}: method, URI, headers, optional body, optional per-call
 * timeout, whether it may be repeated safely, and an operation name for metrics.
 *
 * <p>Immutable and thread-safe. Headers given as a {@link Secret} ({@link Builder#bearer}, {@link Builder#basicAuth},
 * {@link Builder#header(String, Secret)}) are kept apart from {@link #headers()}: they never appear in
 * {@code toString()}, logs or metrics, and are never sent to another origin after a redirect.
 *
 * <p>Building throws {@link IllegalArgumentException} for a URI that is not absolute {@code http}/{@code https},
 * a malformed header name or value, or a header the HTTP client manages itself ({@code Host},
 * {@code Content-Length}, {@code Connection}, {@code Expect}, {@code Upgrade}).
 */
public final class HttpCall {
    /** The operation name used when none is given. */
    public static final String UNNAMED_OPERATION = "unnamed";

    private static final Set<String> IDEMPOTENT_METHODS = Set.of("GET", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE");
    private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host", "upgrade");
    private static final Set<String> BODY_HEADERS = Set.of("content-type", "content-encoding", "content-language");

    private final String method;
    private final URI uri;
    private final Headers headers;
    private final Map<String, SecretHeader> secretHeaders;
    private final byte[] body;
    private final boolean hasBody;
    private final @Nullable Duration timeout;
    private final boolean idempotent;
    private final String operation;
    private final boolean secretUri;

    private record SecretHeader(String name, Secret value) {
    }

    private HttpCall(Builder b) {
        this.method = b.method;
        this.uri = b.uri;
        this.headers = b.headers.build();
        this.secretHeaders = Map.copyOf(b.secretHeaders);
        this.body = b.body == null ? new byte[0] : b.body.clone();
        this.hasBody = b.body != null;
        this.timeout = b.timeout;
        this.idempotent = b.idempotent != null ? b.idempotent : IDEMPOTENT_METHODS.contains(method.toUpperCase(Locale.ROOT));
        this.operation = b.operation;
        this.secretUri = b.secretUri;
    }

    public static Builder get(URI uri) {
        return new Builder("GET", uri);
    }

    public static Builder head(URI uri) {
        return new Builder("HEAD", uri);
    }

    public static Builder post(URI uri) {
        return new Builder("POST", uri);
    }

    public static Builder put(URI uri) {
        return new Builder("PUT", uri);
    }

    public static Builder patch(URI uri) {
        return new Builder("PATCH", uri);
    }

    public static Builder delete(URI uri) {
        return new Builder("DELETE", uri);
    }

    /** Any method token; it counts as idempotent only if it is GET, HEAD, PUT, DELETE, PATCH, OPTIONS or TRACE. */
    public static Builder method(String method, URI uri) {
        return new Builder(method, uri);
    }

    public String method() {
        return method;
    }

    public URI uri() {
        return uri;
    }

    /** The plain (non-secret) headers. */
    public Headers headers() {
        return headers;
    }

    /** Names of the headers whose values were given as secrets. */
    public List<String> secretHeaderNames() {
        List<String> names = new ArrayList<>();
        secretHeaders.values().forEach(h -> names.add(h.name()));
        return List.copyOf(names);
    }

    /** A copy of the body, when there is one. */
    public Optional<byte[]> body() {
        return hasBody ? Optional.of(body.clone()) : Optional.empty();
    }

    /** The per-attempt timeout for this call, overriding the transport's {@code requestTimeout}. */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    /**
     * Whether repeating the call is harmless. Defaults to true for GET, HEAD, PUT, DELETE, PATCH, OPTIONS and TRACE,
     * false otherwise. A non-idempotent call is retried only when it surely never reached the server's handler.
     */
    public boolean idempotent() {
        return idempotent;
    }

    /** The name of what this call does ({@code github.status}), the {@code operation} tag of its metrics. */
    public String operation() {
        return operation;
    }

    /** Whether the URI itself is a credential: logs and messages then show only its origin. */
    public boolean secretUri() {
        return secretUri;
    }

    /** A builder holding everything this call holds. */
    public Builder toBuilder() {
        Builder b = new Builder(method, uri);
        b.headers = headers.toBuilder();
        b.secretHeaders.putAll(secretHeaders);
        b.body = hasBody ? body.clone() : null;
        b.timeout = timeout;
        b.idempotent = idempotent;
        b.operation = operation;
        b.secretUri = secretUri;
        return b;
    }

    /** The URI as it may be shown in logs and messages. */
    String displayUri() {
        return display(uri);
    }

    String display(URI any) {
        return secretUri ? Redaction.originOnly(any) : Redaction.uri(any);
    }

    /** Every header to send, secrets revealed: for the one place the request is built. */
    Map<String, List<String>> headersToSend() {
        Map<String, List<String>> all = new LinkedHashMap<>(headers.asMap());
        secretHeaders.values().forEach(h -> all.put(h.name(), List.of(h.value().reveal())));
        return all;
    }

    boolean hasBody() {
        return hasBody;
    }

    /** The body without copying, for the one place it is sent. */
    byte[] bodyBytes() {
        return body;
    }

    /**
     * The call a redirect leads to.
     *
     * @param keepCredentials false drops every secret header and every plain header whose name looks sensitive
     * @param asGet true turns the call into a body-less GET (303, or 301/302 after POST)
     */
    HttpCall redirectedTo(URI next, boolean keepCredentials, boolean asGet) {
        Builder b = toBuilder();
        b.uri(next);
        if (!keepCredentials) {
            b.secretHeaders.clear();
            for (String name : headers.names()) {
                if (Redaction.isSensitiveName(name)) {
                    b.headers.remove(name);
                }
            }
        }
        if (asGet && !method.equals("HEAD")) {
            b.method = "GET";
            b.body = null;
            b.idempotent = true;
            BODY_HEADERS.forEach(b.headers::remove);
        }
        return b.build();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof HttpCall other
                && method.equals(other.method)
                && uri.equals(other.uri)
                && headers.equals(other.headers)
                && secretHeaders.equals(other.secretHeaders)
                && hasBody == other.hasBody
                && Arrays.equals(body, other.body)
                && Objects.equals(timeout, other.timeout)
                && idempotent == other.idempotent
                && operation.equals(other.operation)
                && secretUri == other.secretUri;
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, uri, headers, secretHeaders, Arrays.hashCode(body), timeout, idempotent, operation);
    }

    /** Shows header names, never secret values; the URI is redacted. */
    @Override
    public String toString() {
        StringJoiner out = new StringJoiner(", ", "HttpCall[", "]");
        out.add(method + " " + displayUri());
        out.add("headers=" + headers.names());
        if (!secretHeaders.isEmpty()) {
            out.add("secretHeaders=" + secretHeaderNames());
        }
        if (hasBody) {
            out.add("body=" + body.length + " bytes");
        }
        out.add("operation=" + operation);
        return out.toString();
    }

    private static URI checkUri(URI uri) {
        Objects.requireNonNull(uri, "uri");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("not an absolute http(s) URI with a host: " + Redaction.uri(uri));
        }
        return uri;
    }

    private static String checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty header name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean token = c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
            if (!token) {
                throw new IllegalArgumentException("not a valid header name: '" + name + "'");
            }
        }
        if (RESTRICTED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("header " + name + " is set by the HTTP client itself");
        }
        return name;
    }

    private static String checkValue(String name, String value) {
        Objects.requireNonNull(value, "value");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException("header " + name + " has a line break or NUL in its value");
            }
        }
        return value;
    }

    /** Builds an {@link HttpCall}. Not thread-safe; later settings of the same header replace earlier ones. */
    public static final class Builder {
        private String method;
        private URI uri;
        private Headers.Builder headers = Headers.builder();
        private final Map<String, SecretHeader> secretHeaders = new LinkedHashMap<>();
        private byte @Nullable [] body;
        private @Nullable Duration timeout;
        private @Nullable Boolean idempotent;
        private String operation = UNNAMED_OPERATION;
        private boolean secretUri;

        private Builder(String method, URI uri) {
            Objects.requireNonNull(method, "method");
            if (method.isEmpty() || !method.chars().allMatch(c -> c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0)) {
                throw new IllegalArgumentException("not a valid HTTP method: '" + method + "'");
            }
            this.method = method;
            this.uri = checkUri(uri);
        }

        /** Replaces the URI (following a pagination {@code Link}, say); same rules as the factories. */
        public Builder uri(URI uri) {
            this.uri = checkUri(uri);
            return this;
        }

        /** Sets a plain header, replacing any earlier value (plain or secret) of the same name. */
        public Builder header(String name, String value) {
            checkValue(name, value);
            secretHeaders.remove(checkName(name).toLowerCase(Locale.ROOT));
            headers.set(name, value);
            return this;
        }

        /** Sets a header whose value is a secret ({@code PRIVATE-TOKEN}, {@code X-Gitlab-Token}…). */
        public Builder header(String name, Secret value) {
            Objects.requireNonNull(value, "value");
            checkValue(name, value.reveal());
            headers.remove(checkName(name));
            secretHeaders.put(name.toLowerCase(Locale.ROOT), new SecretHeader(name, value));
            return this;
        }

        /** Sets every header in {@code more}, each replacing earlier values of its name. */
        public Builder headers(Headers more) {
            more.asMap().forEach((name, values) -> {
                header(name, values.get(0));
                values.stream().skip(1).forEach(v -> headers.add(name, checkValue(name, v)));
            });
            return this;
        }

        /** {@code Authorization: Bearer <token>}. */
        public Builder bearer(Secret token) {
            return header("Authorization", Secret.of("Bearer " + Objects.requireNonNull(token, "token").reveal()));
        }

        /** {@code Authorization: Basic …} (Jenkins API tokens). */
        public Builder basicAuth(String user, Secret password) {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
            if (user.indexOf(':') >= 0) {
                throw new IllegalArgumentException("a basic-auth user name cannot contain ':'");
            }
            String pair = user + ":" + password.reveal();
            return header("Authorization",
                    Secret.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))));
        }

        /** A JSON body serialised with {@link Json#write} (records, maps, trees); sets {@code Content-Type}. */
        public Builder json(Object value) {
            return body(Json.write(Objects.requireNonNull(value, "value")), "application/json");
        }

        /** An {@code application/x-www-form-urlencoded} body, UTF-8, in the map's iteration order. */
        public Builder form(Map<String, String> fields) {
            StringJoiner encoded = new StringJoiner("&");
            fields.forEach((k, v) -> encoded.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(v, StandardCharsets.UTF_8)));
            return body(encoded.toString().getBytes(StandardCharsets.UTF_8),
                    "application/x-www-form-urlencoded; charset=UTF-8");
        }

        /** A raw body (copied) and its {@code Content-Type}. */
        public Builder body(byte[] bytes, String contentType) {
            this.body = Objects.requireNonNull(bytes, "bytes").clone();
            return header("Content-Type", contentType);
        }

        /** The per-attempt timeout for this call; must be positive. */
        public Builder timeout(Duration timeout) {
            this.timeout = Durations.requirePositive("timeout", timeout);
            return this;
        }

        /** Overrides the method's default: whether repeating the call is harmless. */
        public Builder idempotent(boolean idempotent) {
            this.idempotent = idempotent;
            return this;
        }

        /** The metrics name of this call ({@code github.status}, {@code slack.webhook}). */
        public Builder operation(String operation) {
            Objects.requireNonNull(operation, "operation");
            if (operation.isBlank()) {
                throw new IllegalArgumentException("operation must not be blank");
            }
            this.operation = operation;
            return this;
        }

        /** Marks the URI itself as a credential (Slack, Teams webhook URLs): only its origin is ever shown. */
        public Builder secretUri() {
            this.secretUri = true;
            return this;
        }

        public HttpCall build() {
            return new HttpCall(this);
        }
    }
}
