package io.cikit.build.jenkins.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cikit.core.config.Secret;
import io.cikit.core.http.HttpReply;
import io.cikit.core.json.Json;
import io.cikit.core.json.MalformedJsonException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A CSRF crumb from {@code /crumbIssuer/api/json} ({@code {"crumbRequestField": "Jenkins-Crumb", "crumb": "…"}}),
 * with the session cookie it is bound to (Jenkins ties crumbs to the web session since 2.176).
 *
 * @param field the header to send the crumb in
 * @param value the crumb
 * @param cookie the {@code Cookie} header value to send with it; empty when the issuer set none
 */
public record Crumb(String field, Secret value, Optional<Secret> cookie) {
    /** The crumb in an issuer's reply; empty when the reply is not one. */
    public static Optional<Crumb> from(HttpReply reply) {
        JsonNode json;
        try {
            json = reply.json();
        } catch (MalformedJsonException e) {
            return Optional.empty();
        }
        Optional<String> field = Json.nonBlank(json, "crumbRequestField");
        Optional<String> value = Json.nonBlank(json, "crumb");
        if (field.isEmpty() || value.isEmpty()) {
            return Optional.empty();
        }
        List<String> cookies = new ArrayList<>();
        for (String setCookie : reply.headers().all("Set-Cookie")) {
            int semi = setCookie.indexOf(';');
            String pair = (semi < 0 ? setCookie : setCookie.substring(0, semi)).strip();
            if (pair.indexOf('=') > 0) {
                cookies.add(pair);
            }
        }
        return Optional.of(new Crumb(field.get(), Secret.of(value.get()),
                cookies.isEmpty() ? Optional.empty() : Optional.of(Secret.of(String.join("; ", cookies)))));
    }

    /** Whether a 403 reply is Jenkins refusing a POST for want of a (valid) crumb. */
    public static boolean isCrumbRefusal(HttpReply reply) {
        if (reply.status() != 403) {
            return false;
        }
        String body = reply.text().toLowerCase(Locale.ROOT);
        return body.contains("crumb");
    }
}
